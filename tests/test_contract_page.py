"""The page "Contract & offerte" through AppTest: it runs, keyed widgets and table edits change the
budget the way the engine does, problems are shown, downloads are offered."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pricing.contract import contract_budget
from pricing.costprice import compute
from pricing.money import format_eur
from pricing.scenario import read_scenario_file, validate_scenario
from tests.app_support import grid_key, read_only_tables, social_return_estimates

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")


def _page():
    from ui import state
    from ui.contract.page import render_contract

    state.init()
    render_contract()


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_function(_page, default_timeout=60)
    app.session_state["exp_contract_indexation"] = True  # the clause's fields are built only while it is open
    app.session_state["exp_contract_variants"] = True  # and so are the variants' and social return's tables
    app.session_state["exp_contract_social_return"] = True
    return _run(app)


def test_the_closed_indexation_clause_builds_no_fields_until_opened():
    at = _run(AppTest.from_function(_page, default_timeout=60))
    assert any(e.label == "Indexatieclausule" for e in at.expander)
    keys = {w.key for w in at.text_input} | {w.key for w in at.selectbox}
    assert "w_contract_discount_rate" in keys and "w_contract_ix_wage_weight" not in keys
    at.session_state["exp_contract_indexation"] = True  # what a click on the expander sets
    _run(at)
    assert at.text_input(key="w_contract_ix_wage_weight").value == "90"
    assert at.session_state["raw"]["contract"] == DEMO["contract"]  # opening it changes nothing


def test_the_clause_opens_on_a_new_problem_and_stays_open_once_it_is_fixed():
    at = _run(AppTest.from_function(_page, default_timeout=60))
    assert at.session_state["exp_contract_indexation"] is False
    at.session_state["raw"]["contract"]["indexation"]["per_year"] = {2029: "3,2,5"}
    _run(at)
    assert at.session_state["exp_contract_indexation"] is True  # opened: its message stands inside
    assert any("Indexatie 2029, vaste index" in e.value for e in at.error), [e.value for e in at.error]
    at.session_state["raw"]["contract"]["indexation"]["per_year"] = {2029: 0.0275}
    _run(at)
    assert not at.error and at.session_state["exp_contract_indexation"] is True  # the person keeps their place
    at.session_state["exp_contract_indexation"] = False  # closed by the person
    _run(at)
    assert at.session_state["exp_contract_indexation"] is False
    at.session_state["raw"]["contract"]["indexation"]["per_year"] = {2029: "x"}
    _run(at)
    assert at.session_state["exp_contract_indexation"] is True  # a new problem opens it again
    at.session_state["exp_contract_indexation"] = False  # closed while the problem stands: it stays closed
    _run(at)
    assert at.session_state["exp_contract_indexation"] is False
    assert any("2029" in e.value for e in at.error), [e.value for e in at.error]  # listed below with the others


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, [m.label for m in at.metric]
    return found[0]


def engine_first_year(raw: dict, option=None) -> str:
    return format_eur(contract_budget(compute(validate_scenario(raw)), option).totals[0], 0)


def test_page_shows_the_budget_of_the_demo_contract_and_offers_downloads(at):
    assert metric(at, "Budget 2027") == engine_first_year(DEMO) == "€ 4.726.977"
    # The NPV of the amounts in 2026 prices (hand value in test_contract_model: level x annuity factor).
    assert (
        metric(at, "Contante waarde in prijzen van 2026")
        == format_eur(contract_budget(compute(validate_scenario(copy.deepcopy(DEMO)))).npv, 0)
        == "€ 18.015.573"
    )
    assert at.session_state["raw"]["contract"] == DEMO["contract"]  # showing the editors changes nothing
    assert at.text_input(key="w_contract_discount_rate").value == "2,25"
    assert at.text_input(key="w_contract_ix_wage_weight").value == "90"
    buttons = {b.key for b in at.get("download_button")}
    assert buttons == {"download_offer_pdf", "download_offer_xlsx"}
    years = next(f for f in read_only_tables(at) if "Herkomst" in f.columns)
    assert list(years["Jaar"]) == ["2027", "2028", "2029", "2030"]


def test_term_and_variant_change_the_budget(at):
    at.text_input(key="w_contract_years").set_value("2")
    _run(at)
    assert at.session_state["raw"]["contract"]["years"] == 2
    raw = copy.deepcopy(DEMO)
    raw["contract"]["years"] = 2
    assert metric(at, "Totaal 2027-2028") == format_eur(sum(contract_budget(compute(validate_scenario(raw))).totals), 0)
    at.radio(key="k_contract_variant").set_value("Plus")
    _run(at)
    assert metric(at, "Budget 2027") == engine_first_year(raw, "Plus")


def test_a_staffing_edit_is_folded_into_the_scenario(at):
    key = grid_key(at, "contract_staffing")
    at.session_state[key] = {"edited_rows": {0: {"FTE": 4.0}}, "added_rows": [], "deleted_rows": []}
    _run(at)
    raw = copy.deepcopy(DEMO)
    raw["contract"]["staffing"][0]["fte"] = 4.0
    assert at.session_state["raw"]["contract"]["staffing"][0]["fte"] == 4
    assert metric(at, "Budget 2027") == engine_first_year(raw)


def test_a_problem_is_shown_and_the_last_valid_budget_stays(at):
    at.text_input(key="w_contract_municipality").set_value("")
    _run(at)
    errors = [e.value for e in at.error]
    # Named as the field on this page ("Gemeente"), not as the file path.
    assert "Gemeente: is verplicht en ontbreekt" in errors, errors
    assert not any("contract." in e for e in errors), errors
    assert metric(at, "Budget 2027") == "€ 4.726.977"


def test_a_staffing_problem_names_the_table_row_and_column(at):
    key = grid_key(at, "contract_staffing")
    at.session_state[key] = {"edited_rows": {2: {"FTE": None, "Uren": None}}, "added_rows": [], "deleted_rows": []}
    _run(at)
    errors = [e.value for e in at.error]
    assert any(e.startswith("Formatie per gebied en opgave, regel 3: geef FTE óf uren") for e in errors), errors
    assert not any("staffing[" in e or "contract." in e for e in errors), errors


@pytest.mark.parametrize(
    "grid, column, typed, field, message",
    [
        (
            "contract_staffing",
            "FTE",
            "0,8 %",
            "staffing",
            "Formatie per gebied en opgave, regel 1, FTE: verwacht een getal",
        ),
        (
            "contract_activities",
            "Bedrag per jaar",
            "62 %",
            "activities",
            "Activiteitenbudgetten, regel 1, Bedrag per jaar: verwacht een getal",
        ),
    ],
)
def test_a_unit_mark_of_another_kind_in_a_cell_is_named_not_dropped(at, grid, column, typed, field, message):
    # '62 %' in an amount cell was read as € 62, '0,8 %' in an FTE cell as 0,8 FTE.
    before = metric(at, "Budget 2027")
    at.session_state[grid_key(at, grid)] = {"edited_rows": {0: {column: typed}}, "added_rows": [], "deleted_rows": []}
    _run(at)
    errors = [e.value for e in at.error]
    assert any(e.startswith(message) and typed in e for e in errors), errors
    assert typed in at.session_state["raw"]["contract"][field][0].values()  # kept as typed
    assert metric(at, "Budget 2027") == before


def test_deleting_a_task_keeps_every_other_task_its_own_indicators_and_settings(at):
    at.session_state[grid_key(at, "contract_tasks")] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    _run(at)
    after = at.session_state["raw"]["contract"]["tasks"]
    demo_tasks = DEMO["contract"]["tasks"]
    assert [t["name"] for t in after] == ["Bestaanszekerheid", "Jeugd veilig en kansrijk"]
    # Each remaining task keeps what the table does not show: its indicators and social-return settings.
    assert after[0]["indicators"] == demo_tasks[1]["indicators"]
    assert after[0]["social_return"] == {"benefit_years": 3}
    assert after[1]["indicators"] == demo_tasks[2]["indicators"]
    assert "social_return" not in after[1]


def test_first_year_catch_up_and_reference_month_are_clause_choices_on_the_page(at):
    assert at.checkbox(key="w_contract_ix_first_year_catch_up").value is False
    assert at.selectbox(key="w_contract_ix_reference_month").value == 9
    at.checkbox(key="w_contract_ix_first_year_catch_up").check()
    at.selectbox(key="w_contract_ix_reference_month").set_value(10)
    _run(at)
    ix = at.session_state["raw"]["contract"]["indexation"]
    assert ix["first_year_catch_up"] is True and ix["reference_month"] == 10
    clause = " ".join(m.value for m in at.markdown)
    assert "zoals de VNG\\-methode bevat die ook de inhaal over 2026" in clause
    assert "oktober van het jaar ervoor" in clause


def test_only_the_open_budget_tab_builds_its_table(at):
    def tables() -> list[set]:
        return [set(f.columns) for f in read_only_tables(at)]

    by_area = {"Gebied", "2027", "2030"}  # the first tab's table: an area per row, a column per year
    assert any(by_area <= c for c in tables())
    assert not any({"Opgave", "2027"} <= c or "Cumulatief" in c or "Schatting" in c for c in tables())
    at.session_state["k_contract_budget_tab"] = "Niet-indexeren"  # what a click on the tab sets
    _run(at)
    assert any("Cumulatief" in c for c in tables()) and not any(by_area <= c for c in tables())


def test_social_return_table_shows_source_range_and_no_invented_municipal_balance(at):
    at.session_state["k_contract_budget_tab"] = "Maatschappelijk rendement"  # what a click on the tab sets
    _run(at)
    table = social_return_estimates(at)
    assert list(table.index) == ["Samen redzaam in de wijk", "Bestaanszekerheid"]
    assert list(table["Bandbreedte"]) == ["niet bekend", "niet bekend"]
    assert table["Bron verhouding"].iloc[1] == "SEOR 2020, gemiddelde van 32 business cases"
    assert table["Bron verhouding"].iloc[0] == "eigen opgave van de organisatie"
    # Task 2 has no split: the municipality's share, hence its balance, is unknown, not "minus all costs".
    assert table["Saldo gemeente"].iloc[1] == "onbekend: geen verdeling over partijen"
    assert table["Saldo gemeente"].iloc[0].startswith("-€ ")
    captions = " ".join(c.value for c in at.caption)
    assert "CW: contante waarde in prijzen van 2026" in captions
    assert "Bandbreedte: voor de SEOR-verhouding (Bestaanszekerheid)" in captions


def test_a_scenario_without_contract_can_start_one():
    def page():
        from ui import state
        from ui.contract.page import render_contract

        state.init()
        st_raw = state.raw()
        if "seeded" not in __import__("streamlit").session_state:
            st_raw.pop("contract", None)
            __import__("streamlit").session_state["seeded"] = True
        render_contract()

    at = _run(AppTest.from_function(page, default_timeout=60))
    assert not at.metric
    at.button(key="contract_add").click()
    _run(at)
    assert at.session_state["raw"]["contract"]["name"] == DEMO["contract"]["name"]
    assert metric(at, "Budget 2027") == "€ 4.726.977"


def test_the_page_is_in_the_app_navigation():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    pages = {info.get("page_name"): h for h, info in at._registered_pages.items()}
    assert "Contract & offerte" in pages
    at._page_hash = pages["Contract & offerte"]
    _run(at)
    assert metric(at, "Budget 2027") == "€ 4.726.977"


def _years_table(at: AppTest):
    return next(d for d in read_only_tables(at) if "Herkomst" in d.columns and "Totaal" in d.columns)


def test_step_drift_is_shown_per_year_and_can_be_switched_off(at):
    table = _years_table(at)
    assert "Tredeverhoging (in formatie)" in table.columns
    budget = contract_budget(compute(validate_scenario(copy.deepcopy(DEMO))))
    assert list(table["Tredeverhoging (in formatie)"]) == [format_eur(d) for d in budget.drift]
    at.toggle(key="w_contract_step_drift").set_value(False)
    _run(at)
    assert at.session_state["raw"]["contract"]["step_drift"] is False
    off = copy.deepcopy(DEMO)
    off["contract"]["step_drift"] = False
    assert metric(at, "Budget 2027") == engine_first_year(off) != "€ 4.726.977"
    assert "Tredeverhoging (in formatie)" not in _years_table(at).columns


def _grid(at: AppTest, key_start: str):
    return next(f for f in at.dataframe if str(f.key).startswith(key_start))


def test_the_text_grids_fit_the_page_from_1280_px_and_wrap_their_long_texts(at):
    """The page's content is 818 px wide at 1280 px (938 px at 1400 px), an expander's 34 px less (784
    px and 904 px). The long-text grids fit where they stand: their columns' configured widths, with
    the 32 px row-marker column of a grid one adds rows to, add up to at most that, every column has a width, and the tasks' texts wrap (Streamlit wraps a
    cell's text in rows taller than 4rem = 64 px). The browser test measures the same on screen."""
    import json

    from ui.contract.grids import TASK_ROW_HEIGHT

    keyed = [f for f in at.dataframe if f.key]
    social = next(f for f in keyed if f.key.startswith("contract_social_") and not f.key.endswith("_sources"))
    sources = next(f for f in keyed if f.key.startswith("contract_social_") and f.key.endswith("_sources"))
    for grid, wraps, room in (
        (_grid(at, "contract_tasks_"), True, 818),
        (_grid(at, "contract_indicators_"), True, 818),
        (social, True, 784),  # in the expander 'Maatschappelijk rendement per opgave (schatting)'
        (sources, False, 784),  # one line per row: its task names and headers fit as they are
    ):
        widths = {k: v.get("width") for k, v in json.loads(grid.proto.columns).items() if k != "_index"}
        assert set(widths) == set(grid.value.columns), (grid.key, widths)
        assert all(isinstance(w, int) for w in widths.values()), (grid.key, widths)
        marker = 32 if grid.editing_mode == "dynamic" else 0
        assert sum(widths.values()) + marker <= room, (grid.key, sum(widths.values()) + marker)
        if wraps:
            assert grid.proto.row_height > 64, grid.key
    assert _grid(at, "contract_tasks_").proto.row_height == TASK_ROW_HEIGHT
    changes = _grid(at, "contract_option_changes_")  # choice cells do not wrap: it fits 1400 px
    widths = [v.get("width") for k, v in json.loads(changes.proto.columns).items() if k != "_index"]
    assert all(isinstance(w, int) for w in widths) and sum(widths) + 32 <= 904  # in the 'Varianten' expander
    # The estimate: a column per task, so its long texts do not push the table past the page.
    at.session_state["k_contract_budget_tab"] = "Maatschappelijk rendement"  # what a click on the tab sets
    _run(at)
    estimate = next(f for f in at.dataframe if "Schatting" in f.value.columns)
    assert list(estimate.value.columns) == ["Schatting", "Samen redzaam in de wijk", "Bestaanszekerheid"]
    assert estimate.proto.row_height > 64  # its long texts (a source, a range) wrap


def test_the_closed_variants_and_social_return_build_no_tables_and_open_on_a_new_problem():
    at = _run(AppTest.from_function(_page, default_timeout=60))
    labels = [e.label for e in at.expander]
    assert "Varianten" in labels and "Maatschappelijk rendement per opgave (schatting)" in labels
    keys = [str(f.key) for f in at.dataframe]
    assert not [k for k in keys if k.startswith(("contract_options_", "contract_option_changes_", "contract_social_"))]
    assert metric(at, "Budget 2027")  # the budget a negotiator points at stays on the page
    at.session_state["raw"]["contract"]["options"][0]["staffing"][0]["fte"] = "x"
    _run(at)
    assert at.session_state["exp_contract_variants"] is True  # opened: its message stands at its table
    assert any(str(f.key).startswith("contract_options_") for f in at.dataframe)
    at.session_state["exp_contract_variants"] = False  # closed by the person while the problem stands
    _run(at)
    assert at.session_state["exp_contract_variants"] is False
    assert not any(str(f.key).startswith("contract_options_") for f in at.dataframe)
    assert any("Variant" in e.value for e in at.error), [e.value for e in at.error]  # listed with the others
    assert at.session_state["exp_contract_social_return"] is False
    at.session_state["raw"]["contract"]["tasks"][0]["social_return"] = {"ratio": "x"}
    _run(at)
    assert at.session_state["exp_contract_social_return"] is True
    at.session_state["exp_contract_social_return"] = False
    _run(at)
    assert any("maatschappelijk rendement" in e.value for e in at.error), [e.value for e in at.error]


def _metric_value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_contract_fte_in_the_header_counts_only_what_validation_took_over(at):
    # A refused 3.500 FTE on a staffing line was counted in the header (3.502,50 FTE, € 332 million).
    valid = _metric_value(at, "FTE in het contract")
    at.session_state["raw"]["contract"]["staffing"][0]["fte"] = 3500
    _run(at)
    assert any("contract" in e.value.lower() or "FTE" in e.value for e in at.error), [e.value for e in at.error]
    assert _metric_value(at, "FTE in het contract") == valid
    at.session_state["raw"]["contract"]["staffing"][0]["fte"] = 4.5
    _run(at)
    assert _metric_value(at, "FTE in het contract") != valid  # a valid edit counts at once


def test_the_budget_chart_shows_the_years_as_years():
    # Read as numbers, one or two years got ticks between them: '2.026,5' under the bars.
    from ui.contract.budget import _chart

    raw = copy.deepcopy(DEMO)
    raw["contract"]["years"] = 1
    budget = contract_budget(compute(validate_scenario(raw)))
    figure = _chart(budget, "area")
    assert figure.layout.xaxis.type == "category"
    assert list(figure.data[0].x) == ["2027"]
