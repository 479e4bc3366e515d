"""Editors for overhead cost lines, index figures and municipal indexation per contract year, and
social return per task (AppTest): they write the file's keys, validate like the file, and a
scenario saved from the app and reopened gives the same figures."""

from __future__ import annotations

import datetime as dt

import pytest

from pricing.contract import contract_budget
from pricing.costprice import compute
from pricing.display import shown_team
from pricing.money import format_eur
from pricing.scenario import dump_scenario, parse_scenario_text, validate_scenario
from pricing.social_return import social_return
from tests.app_support import _app, goto, grid_key, metric, read_only_tables, social_return_estimates

TARIFF = "Reëel tarief per uur (team)"


def _reopened(at) -> dict:
    """The scenario as the app saves it (YAML), read back as a file."""
    return parse_scenario_text(dump_scenario(at.session_state["raw"]), "opgeslagen.yaml")


def _tariff(raw: dict) -> str:
    return format_eur(shown_team(compute(validate_scenario(raw)).team)["tariff_per_hour"])


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def test_overhead_cost_lines_are_edited_saved_and_reopened():
    at = goto(_app(), "Normen & opslagen")
    before = metric(at, TARIFF)
    at.button(key="btn_pct_to_lines").click().run()
    lines = at.session_state["raw"]["norms"]["overhead"]["lines"]
    assert len(lines) == 1 and "pct" not in at.session_state["raw"]["norms"]["overhead"]
    assert metric(at, TARIFF) == before  # the same amount per year, now as a cost line
    at.session_state[grid_key(at, "overhead_lines")] = {
        "edited_rows": {0: {"Kostenregel": "Management en staf", "Bedrag per jaar (€)": "700.000"}},
        "added_rows": [
            {"Kostenregel": "ICT", "Bedrag per jaar (€)": "85.000,50", "Bron of toelichting": "begroting 2026"}
        ],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    saved = at.session_state["raw"]["norms"]["overhead"]["lines"]
    assert saved[0]["name"] == "Management en staf" and saved[0]["amount"] == 700000
    assert saved[1] == {"name": "ICT", "amount": 85000.5, "note": "begroting 2026"}
    reopened = _reopened(at)
    assert metric(at, TARIFF) == _tariff(reopened) != before
    result = compute(validate_scenario(reopened))
    assert result.scenario.norms.overhead_lines[1].note == "begroting 2026"
    assert any("opslag van" in m.value for m in at.markdown)


def test_an_invalid_cost_line_gets_the_files_message_at_the_table():
    at = goto(_app(), "Normen & opslagen")
    at.button(key="btn_pct_to_lines").click().run()
    before = metric(at, TARIFF)
    at.session_state[grid_key(at, "overhead_lines")] = {
        "edited_rows": {0: {"Bedrag per jaar (€)": "-5"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any(e.startswith("Kostenregel 1, bedrag: -5 valt buiten het toegestane bereik") for e in _errors(at)), (
        _errors(at)
    )
    assert metric(at, TARIFF) == before  # the last valid result stays
    assert at.session_state["raw"]["norms"]["overhead"]["lines"][0]["amount"] == -5  # kept, not clipped


def _clause_open():
    """The contract page with the indexation clause opened (its table is built only while it is open)."""
    at = _app()
    at.session_state["exp_contract_indexation"] = True
    return goto(at, "Contract & offerte")


def _editors_open():
    """The contract page with the variants and social-return expanders opened (as a click does: their
    tables are built only while they are open)."""
    at = _app()
    at.session_state["exp_contract_variants"] = True
    at.session_state["exp_contract_social_return"] = True
    return goto(at, "Contract & offerte")


def _index_key(at) -> str:
    """The index table's key as the last run drew it (it stays the same across the table's own edits)."""
    return grid_key(at, "contract_year_index")


def test_index_figures_and_municipal_indexation_per_year():
    at = _clause_open()
    at.session_state[_index_key(at)] = {
        "edited_rows": {
            1: {"Vaste index (%)": "4,5"},
            0: {"Gemeente (%)": "1,5"},
            2: {"OVA voorl. (%)": "3,1", "PPC voorl. (%)": "2"},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    ix = at.session_state["raw"]["contract"]["indexation"]
    assert ix["per_year"] == {2028: 0.045}
    assert ix["figures"][2029] == {"ova_provisional": 0.031, "ppc_provisional": 0.02}
    assert ix["municipal_pct"] == {2027: 0.015, 2028: 0.02, 2029: 0.02, 2030: 0.02}
    reopened = compute(validate_scenario(_reopened(at)))
    rows = {row.year: row for row in reopened.scenario.contract.indexation.years}
    assert rows[2028].index == 0.045 and rows[2028].origin == "opgegeven"
    assert rows[2029].index == pytest.approx(0.9 * 0.031 + 0.1 * 0.02) and rows[2027].origin == "aanname"
    budget = contract_budget(reopened)
    assert budget.non_indexation.municipal_pct[0] == 0.015


def test_the_source_and_status_of_a_years_own_index_figure_round_trip_and_show_with_the_figure():
    at = _clause_open()
    key = _index_key(at)
    at.session_state[key] = {"edited_rows": {1: {"Vaste index (%)": "4,5"}}, "added_rows": [], "deleted_rows": []}
    at.session_state[key + "_sources"] = {
        "edited_rows": {
            0: {"Bron eigen cijfer": "CPB, Centraal Economisch Plan 2026", "Status bron": "voorlopig"},
            1: {"Bron eigen cijfer": "cao-akkoord 2028", "Status bron": "vastgesteld"},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception and not _errors(at), _errors(at)
    ix = at.session_state["raw"]["contract"]["indexation"]
    assert ix["sources"] == {
        2027: {"text": "CPB, Centraal Economisch Plan 2026", "status": "provisional"},
        2028: {"text": "cao-akkoord 2028", "status": "given"},
    }
    reopened = _reopened(at)
    assert reopened["contract"]["indexation"]["sources"] == {str(y): v for y, v in ix["sources"].items()}
    rows = {r.year: r for r in validate_scenario(reopened).contract.indexation.years}
    assert rows[2027].source_text == "bron: CPB, Centraal Economisch Plan 2026 (voorlopig)"
    assert rows[2028].source_status == "given" and rows[2028].index == 0.045
    # Shown where the figure is shown: the editor's source column and the budget table's origin.
    sources = next(f.value for f in at.dataframe if "Bron eigen cijfer" in f.value.columns)
    assert list(sources["Status bron"])[:2] == ["voorlopig", "vastgesteld"]
    assert sources["Bron"].iloc[0] == (
        "aanname: het aangenomen percentage van het contract; bron: CPB, Centraal Economisch Plan 2026 (voorlopig)"
    )
    years = next(f for f in read_only_tables(at) if "Herkomst" in f.columns and "Totaal" in f.columns)
    assert dict(zip(years["Jaar"], years["Herkomst"]))["2028"] == (
        "opgegeven in het contract; bron: cao-akkoord 2028 (vastgesteld)"
    )
    # A status without its text, and a source for a year that uses the published figures, are named.
    at.session_state[_index_key(at) + "_sources"] = {
        "edited_rows": {2: {"Status bron": "aanname"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert "Indexatie 2029, bron eigen cijfer: is verplicht en mag niet leeg zijn" in _errors(at), _errors(at)


def test_an_index_out_of_range_is_refused_with_the_files_message():
    at = _clause_open()
    at.session_state[_index_key(at)] = {
        "edited_rows": {0: {"Vaste index (%)": "45"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any(e.startswith("Indexatie 2027, vaste index:") for e in _errors(at)), _errors(at)
    # Typed in percent, so the message says the value and the range in percent, not as fractions.
    message = next(e for e in _errors(at) if e.startswith("Indexatie 2027, vaste index:"))
    assert "45 %" in message and "van -20 % tot en met 30 %" in message, message


def test_the_index_table_keeps_its_key_across_its_own_edits_and_starts_afresh_on_a_change_elsewhere():
    """An edit typed while the previous one is applied goes to the same grid (a new key per edit lost
    it); a change made elsewhere (here: the file's municipal percentage) gives a fresh grid."""
    at = _clause_open()
    key = _index_key(at)
    at.session_state[key] = {"edited_rows": {0: {"Gemeente (%)": "1,50"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert _index_key(at) == key
    # The next edit arrives with the first one still in the grid's state, as the browser sends it.
    at.session_state[key] = {
        "edited_rows": {0: {"Gemeente (%)": "1,50"}, 1: {"Gemeente (%)": "1,50"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    ix = at.session_state["raw"]["contract"]["indexation"]
    assert ix["municipal_pct"] == {2027: 0.015, 2028: 0.015, 2029: 0.02, 2030: 0.02}
    assert _index_key(at) == key
    ix["municipal_pct"] = 0.01
    at.run()
    assert _index_key(at) != key
    assert at.session_state["raw"]["contract"]["indexation"]["municipal_pct"] == 0.01  # no old edit applied


def _run_as_a_stale_browser(at, *shown) -> None:
    """Run as a browser does that has not yet drawn the last run: it still shows widgets of an earlier
    run (``shown``: their states as that run drew them) and sends their values with its next message.
    AppTest itself sends only the widgets of the last run it drew, so these are added to those."""
    states = at._tree.get_widget_states()
    states.widgets.extend(shown)
    at._run(states)


def test_the_municipal_percentage_per_year_holds_when_a_stale_browser_sends_the_replaced_field():
    """The clause's one municipal percentage (2,00 in the demo) is written per year by the table's
    first edit, and its field gives way to a caption. A browser under load still shows the field and
    sends its value with its next message; the field's callback used to read the forgotten field as
    empty and write no municipal percentage at all, and the table, renewed by that change, lost the
    edit it was sent and then wrote the one year typed again (a CI run: {2028: 0.015})."""
    at = _clause_open()
    field = at.text_input(key="w_contract_ix_municipal_pct")
    assert field.value == "2"
    shown = field._widget_state
    key = _index_key(at)
    at.session_state[key] = {"edited_rows": {0: {"Vaste index (%)": "3,25"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    per_year = {2027: 0.02, 2028: 0.02, 2029: 0.02, 2030: 0.02}
    assert at.session_state["raw"]["contract"]["indexation"]["municipal_pct"] == per_year
    # The next edit (2028's municipal percentage) arrives from the browser that still shows the field.
    at.session_state[key] = {
        "edited_rows": {0: {"Vaste index (%)": "3,25"}, 1: {"Gemeente (%)": "1,5"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    _run_as_a_stale_browser(at, shown)
    assert not at.exception, [e.value for e in at.exception]
    ix = at.session_state["raw"]["contract"]["indexation"]
    assert ix["municipal_pct"] == {**per_year, 2028: 0.015}
    assert ix["per_year"] == {2027: 0.0325}
    assert _index_key(at) == key
    assert not _errors(at), _errors(at)


def test_a_removed_contracts_fields_sent_by_a_stale_browser_write_nothing():
    """The contract removed, a browser that still shows the clause sends its fields' values: nothing
    is written and there is no traceback (the selectbox's callback read its dropped key: a KeyError)."""
    at = _clause_open()
    shown = [at.text_input(key="w_contract_ix_municipal_pct")._widget_state]
    shown.append(at.selectbox(key="w_contract_ix_catch_up")._widget_state)
    at.button(key="btn_contract_remove").click().run()
    assert "contract" not in at.session_state["raw"]
    _run_as_a_stale_browser(at, *shown)
    assert not at.exception, [e.value for e in at.exception]
    assert "contract" not in at.session_state["raw"]


def test_a_files_figures_for_the_base_year_are_kept_when_a_contract_year_is_typed():
    """A file read from JSON names its years as text ('2026'); the table's years are numbers."""
    at = _clause_open()
    at.session_state["raw"]["contract"]["indexation"]["figures"] = {"2026": {"ova_definitive": 0.04}}
    at.run()
    at.session_state[_index_key(at)] = {
        "edited_rows": {0: {"OVA voorl. (%)": "3,1"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["raw"]["contract"]["indexation"]["figures"] == {
        2026: {"ova_definitive": 0.04},
        2027: {"ova_provisional": 0.031},
    }


def test_social_return_per_task_is_an_estimate_and_round_trips():
    at = _editors_open()
    assert any("Schatting, geen feit" in w.value for w in at.warning)
    at.session_state[_social_key(at)] = {
        "edited_rows": {
            1: {"Verhouding baten/kosten": "2,1", "Gemeente (%)": "40", "Overig / niet verdeeld (%)": "60"}
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    sr = at.session_state["raw"]["contract"]["tasks"][1]["social_return"]
    assert sr == {"benefit_years": 3, "ratio": 2.1, "split": {"gemeente": 0.4, "overig": 0.6}}
    reopened = compute(validate_scenario(_reopened(at)))
    estimate = next(e for e in social_return(contract_budget(reopened)) if e.task == "Bestaanszekerheid")
    assert estimate.ratio == 2.1 and estimate.split_given


def _social_key(at) -> str:
    return grid_key(at, "contract_social")


def test_range_and_source_typed_in_dutch_round_trip_and_show_as_an_estimate():
    at = _editors_open()
    at.session_state[_social_key(at) + "_sources"] = {
        "edited_rows": {
            0: {
                "Laagste": "1,2",
                "Hoogste": "2,4",
                "Bron (titel)": "MKBA Wijkteams",
                "Link": "https://example.org/mkba",
                "Datum bron": "1-5-2024",
            },
            1: {"Laagste": "1", "Hoogste": "2", "Aanname": True, "Onderbouwing": "eigen inschatting"},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception and not _errors(at), _errors(at)
    tasks = at.session_state["raw"]["contract"]["tasks"]
    first, second = tasks[0]["social_return"], tasks[1]["social_return"]
    assert first["range"] == {"low": 1.2, "high": 2.4} and first["ratio"] == 1.6  # the ratio kept
    assert first["source"] == {"title": "MKBA Wijkteams", "href": "https://example.org/mkba", "date": "2024-05-01"}
    assert second == {
        "benefit_years": 3,
        "range": {"low": 1, "high": 2},
        "source": {"reasoning": "eigen inschatting", "assumption": True},
    }
    reopened = _reopened(at)
    assert reopened["contract"]["tasks"][0]["social_return"] == first
    estimates = {e.task: e for e in social_return(contract_budget(compute(validate_scenario(reopened))))}
    own = estimates["Samen redzaam in de wijk"]
    assert (own.ratio_low, own.ratio_high) == (1.2, 2.4)
    assert own.source == "MKBA Wijkteams, 1 mei 2024, https://example.org/mkba"
    at.session_state["k_contract_budget_tab"] = "Maatschappelijk rendement"  # what a click on the tab sets
    at.run()
    table = social_return_estimates(at)
    assert list(table["Bandbreedte"])[:2] == ["1,20 – 2,40", "1,00 – 2,00"]
    assert table["Baten bij bandbreedte"].iloc[0] == (
        f"{format_eur(own.npv_benefits_low)} – {format_eur(own.npv_benefits_high)}"
    )
    assert table["Bron verhouding"].iloc[0] == "MKBA Wijkteams"
    captions = " ".join(c.value for c in at.caption)
    assert "Alle baten en saldi zijn schattingen" in captions
    assert "Bestaanszekerheid 1,00 tot 2,00 (aanname van de organisatie: eigen inschatting)" in captions
    # The editor shows the date back in Dutch, and an unchanged table writes nothing; a date the file
    # gives as a YAML date stays one.
    at.run()
    assert at.session_state["raw"]["contract"]["tasks"][0]["social_return"] == first
    at.session_state["raw"]["contract"]["tasks"][0]["social_return"]["source"]["date"] = dt.date(2024, 5, 1)
    at.run()
    assert at.session_state["raw"]["contract"]["tasks"][0]["social_return"]["source"]["date"] == dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    "edit, words",
    [
        (
            {"Laagste": "1,8", "Hoogste": "2", "Bron (titel)": "MKBA"},
            "laagste verhouding: 1,80 is hoger dan de verhouding 1,60",
        ),
        ({"Laagste": "1,2", "Hoogste": "2"}, "bron: een bandbreedte heeft een bron nodig"),
        ({"Bron (titel)": "MKBA", "Link": "www.example.org"}, "link: verwacht een webadres dat begint met https://"),
        ({"Bron (titel)": "MKBA", "Datum bron": "mei 2024"}, "datum bron: verwacht een datum als JJJJ-MM-DD"),
        ({"Aanname": True}, "onderbouwing: is verplicht bij een aanname"),
        ({"Laagste": "veel", "Hoogste": "2", "Bron (titel)": "MKBA"}, "laagste verhouding: verwacht een getal"),
    ],
)
def test_a_bad_range_or_source_gets_the_files_message_at_the_table(edit, words):
    at = _editors_open()
    at.session_state[_social_key(at) + "_sources"] = {"edited_rows": {0: edit}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    shown = [e.replace("\u2060", "").replace("\\", "") for e in _errors(at)]  # as the screen reads (ui.literal)
    assert any(e.startswith(f"Maatschappelijk rendement Samen redzaam in de wijk, {words}") for e in shown), shown


def test_a_split_that_does_not_add_up_is_named_at_the_table():
    at = _editors_open()
    at.session_state[_social_key(at)] = {
        "edited_rows": {0: {"Gemeente (%)": "50"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any(
        e.startswith("Maatschappelijk rendement Samen redzaam in de wijk, verdeling: de aandelen tellen op tot 1,15")
        for e in _errors(at)
    ), _errors(at)


def test_text_that_is_no_number_is_named_as_typed():
    at = goto(_app(), "Normen & opslagen")
    at.button(key="btn_pct_to_lines").click().run()
    at.session_state[grid_key(at, "overhead_lines")] = {
        "edited_rows": {0: {"Bedrag per jaar (€)": "7,5 ton"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any(e.startswith("Kostenregel 1, bedrag: verwacht een getal") and "7,5 ton" in e for e in _errors(at)), (
        _errors(at)
    )


def test_a_percentage_typed_as_a_cost_line_amount_is_named_not_read_as_euros():
    at = goto(_app(), "Normen & opslagen")
    at.button(key="btn_pct_to_lines").click().run()
    at.session_state[grid_key(at, "overhead_lines")] = {
        "edited_rows": {0: {"Bedrag per jaar (€)": "12 %"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any(e.startswith("Kostenregel 1, bedrag: verwacht een getal") and "12 %" in e for e in _errors(at)), _errors(
        at
    )
    assert at.session_state["raw"]["norms"]["overhead"]["lines"][0]["amount"] == "12 %"


def _option_keys(at):
    return grid_key(at, "contract_options"), grid_key(at, "contract_option_changes")


def test_variants_are_renamed_changed_saved_and_reopened():
    at = _editors_open()
    names, _ = _option_keys(at)
    at.session_state[names] = {
        "edited_rows": {0: {"Naam": "Uitbreiding", "Omschrijving": "Meer jongerenwerk in Zuid."}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    options = at.session_state["raw"]["contract"]["options"]
    assert options[0]["name"] == "Uitbreiding" and options[0]["description"] == "Meer jongerenwerk in Zuid."
    assert len(options[0]["staffing"]) == 2  # its changes stay with it
    _, changes = _option_keys(at)
    at.session_state[changes] = {
        "edited_rows": {0: {"FTE (±)": "1,5"}},
        "deleted_rows": [],
        "added_rows": [
            {
                "Variant": "Sober",
                "Soort": "Activiteit",
                "Gebied": "Noord",
                "Opgave": "Samen redzaam in de wijk",
                "Functie of activiteit": "Buurtkamer Noord",
                "Bedrag per jaar (±)": "-5.000",
            }
        ],
    }
    at.run()
    assert not at.exception
    options = at.session_state["raw"]["contract"]["options"]
    assert options[0]["staffing"][0]["fte"] == 1.5
    assert options[1]["activities"][-1] == {
        "area": "Noord",
        "task": "Samen redzaam in de wijk",
        "name": "Buurtkamer Noord",
        "amount": -5000,
    }
    reopened = compute(validate_scenario(_reopened(at)))
    sober = contract_budget(reopened, "Sober")
    basis = contract_budget(reopened)
    assert sober.activities[0] == pytest.approx(
        basis.activities[0] - 15000 * sober.factors[0] - 5000 * sober.factors[0]
    )


@pytest.mark.parametrize("missing", ["Variant", "Soort"])
def test_a_variant_change_without_its_variant_or_kind_is_named_not_guessed(missing):
    # Required choice columns kept such a row in the browser, shown but counted nowhere; a row
    # without a kind would have been read as staffing.
    at = _editors_open()
    _, changes = _option_keys(at)
    before = at.session_state["raw"]["contract"]["options"]
    count = sum(len(o.get("staffing") or []) + len(o.get("activities") or []) for o in before) + 1
    row = {"Variant": "Sober", "Soort": "Formatie", "Functie of activiteit": "Sociaal werker", "FTE (±)": "-0,5"}
    row.pop(missing)
    at.session_state[changes] = {"edited_rows": {}, "added_rows": [row], "deleted_rows": []}
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert f"Wijzigingen per variant, regel {count}: kies de variant en de soort" in " ".join(warnings), warnings
    assert at.session_state["raw"]["contract"]["options"] == before


def test_a_variant_that_removes_more_than_the_basis_is_named():
    at = _editors_open()
    _, changes = _option_keys(at)
    at.session_state[changes] = {
        "edited_rows": {3: {"FTE (±)": "-9"}},
        "added_rows": [],
        "deleted_rows": [],
    }  # Sober, Sociaal werker
    at.run()
    assert any(
        e.startswith("Variant Sober, formatieregel: variant haalt meer FTE Sociaal werker weg") for e in _errors(at)
    ), _errors(at)


def test_each_contract_year_says_where_its_index_comes_from():
    at = _clause_open()
    at.session_state[_index_key(at)] = {
        "edited_rows": {1: {"Vaste index (%)": "4,5"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    figures = next(f.value for f in at.dataframe if "Vaste index (%)" in f.value.columns)
    frame = next(f.value for f in at.dataframe if "Bron eigen cijfer" in f.value.columns)
    sources = dict(zip(frame["Jaar"], frame["Bron"]))
    assert sources["2027"].startswith("aanname") and sources["2028"] == "opgegeven in het contract"
    assert dict(zip(figures["Jaar"], figures["Herkomst"]))["2028"] == "opgegeven"


def _stale_municipal_field_callback(root: str) -> None:
    """A script that runs the clause's municipal-percentage field callback as a browser's late
    request would, after the index table has written the percentages per year."""
    import sys

    import streamlit as st

    sys.path.insert(0, root)

    from ui import bindings

    raw = st.session_state.setdefault(
        "raw", {"contract": {"indexation": {"municipal_pct": {2027: 0.02, 2028: 0.015, 2029: 0.02, 2030: 0.02}}}}
    )
    wkey = bindings.WIDGET_PREFIX + "contract_ix_municipal_pct"
    st.session_state[wkey] = st.session_state["typed"]
    path = ("contract", "indexation", "municipal_pct")
    bindings._write_number(
        wkey, "scenario", path, "Indexatie die de gemeente toepast (%)", 100, 2, -20.0, 30.0, False, "%"
    )
    st.session_state["after"] = raw["contract"]["indexation"].get("municipal_pct")


@pytest.mark.parametrize("typed", ["", "2,00"])
def test_the_clause_field_never_clears_or_overwrites_the_municipal_percentages_per_year(typed):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_stale_municipal_field_callback, args=(str(Path(__file__).resolve().parents[1]),))
    at.session_state["typed"] = typed
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["after"] == {2027: 0.02, 2028: 0.015, 2029: 0.02, 2030: 0.02}
