"""The Streamlit app through streamlit.testing.v1.AppTest: every page runs, keyed widgets drive the
engine's numbers, bad input is kept and explained, the last valid result stays."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pricing.costprice import compute
from pricing.display import shown_team
from pricing.money import format_eur, format_pct
from pricing.scenario import dump_scenario, read_scenario_file, validate_scenario
from pricing.tariff_check import check_tariff
from tests.app_support import _app, goto, metric, read_only_tables

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DEMO = ROOT / "examples" / "voorbeeld.yaml"
PAGES = ("Organisatie & formatie", "Normen & opslagen", "Kostprijs", "Toets", "Tariefcheck", "Vergelijken")


def table(at: AppTest, column: str):
    """The first shown table with ``column`` (a grid or a static table; a read-only st.dataframe
    carries no key in AppTest)."""
    for value in read_only_tables(at):
        if column in value.columns:
            return value
    raise AssertionError(f"no table with column {column!r}")


def engine_tariff(raw: dict) -> str:
    return format_eur(shown_team(compute(validate_scenario(raw)).team)["tariff_per_hour"])


@pytest.fixture(scope="module")
def demo_raw() -> dict:
    return read_scenario_file(DEMO)


def test_every_page_runs_without_exception():
    at = _app()
    for title in PAGES:
        goto(at, title)
        assert at.title[0].value == title
        assert not at.error, [e.value for e in at.error]


def test_demo_is_loaded_and_matches_the_engine(demo_raw):
    at = _app()
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(demo_raw)


def test_changing_an_fte_changes_the_team_tariff_to_the_engines_number(demo_raw):
    at = _app()
    before = metric(at, "Reëel tarief per uur (team)")
    key = f"staff_editor_{at.session_state['staff_version']}"
    # Teamleider (last row, the most expensive line) from 3 to 8 FTE.
    at.session_state[key] = {"edited_rows": {7: {"FTE": 8.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    expected = copy.deepcopy(demo_raw)
    expected["staff"][7]["fte"] = 8.0
    assert at.session_state["raw"]["staff"][7]["fte"] == 8.0
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(expected) != before
    # The edit survives a page switch and back.
    goto(at, "Kostprijs")
    goto(at, "Organisatie & formatie")
    assert at.session_state["raw"]["staff"][7]["fte"] == 8.0
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(expected)


def test_adding_and_deleting_staff_rows(demo_raw):
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    added = {"Functie": "Buurtsportcoach", "Schaal": 7, "Trede": "3", "FTE": 2.0, "Contract": "flexibel"}
    at.session_state[key] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [added]}
    at.run()
    staff = at.session_state["raw"]["staff"]
    assert staff[-1] == {"function": "Buurtsportcoach", "scale": 7, "step": 3, "fte": 2.0, "contract": "flexible"}
    expected = copy.deepcopy(demo_raw)
    expected["staff"] = staff
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(expected)
    # The editor keeps its key and sends its whole state: a deleted base row is in deleted_rows (by
    # its place in the rows the editor was given), a deleted added row leaves added_rows.
    assert f"staff_editor_{at.session_state['staff_version']}" == key
    at.session_state[key] = {"edited_rows": {}, "added_rows": [added], "deleted_rows": [len(demo_raw["staff"]) - 1]}
    at.run()
    assert at.session_state["raw"]["staff"] == [*demo_raw["staff"][:-1], staff[-1]]
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.session_state["raw"]["staff"] == demo_raw["staff"]
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(demo_raw)


def test_invalid_cell_gives_dutch_message_and_keeps_last_valid_result(demo_raw):
    at = _app()
    before = metric(at, "Reëel tarief per uur (team)")
    key = f"staff_editor_{at.session_state['staff_version']}"
    # Scale 14 step 8 is unknown in the CAO table: the user must give an own salary.
    at.session_state[key] = {"edited_rows": {1: {"Schaal": 14, "Trede": "8"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    messages = " ".join(e.value for e in at.error)
    assert "Regel 2 (Maatschappelijk werker), trede" in messages and "eigen maandsalaris" in messages
    assert metric(at, "Reëel tarief per uur (team)") == before  # last valid result stays
    assert at.session_state["raw"]["staff"][1]["scale"] == 14  # what was typed is kept
    assert any("fout(en)" in w.value for w in at.warning)


def test_offered_tariff_shows_the_engines_verdict(demo_raw):
    at = goto(_app(), "Tariefcheck")
    assert any("Vul een aangeboden tarief in" in i.value for i in at.info)
    at.text_input(key="k_tc_offered").set_value("64").run()
    result = compute(validate_scenario(demo_raw))
    check = check_tariff(result, 64.0, "hour")
    assert check.verdict_label == "onder kostprijs"
    assert any(f"Oordeel: **{check.verdict_label}**" in e.value for e in at.error)
    assert metric(at, "Verschil per uur") == format_eur(check.gap_per_hour)
    # Per FTE: the same offer expressed per FTE gives the same verdict.
    at.radio(key="k_tc_per").set_value("fte").run()
    at.text_input(key="k_tc_offered").set_value("120.000").run()
    check = check_tariff(result, 120_000.0, "fte")
    assert check.verdict_label == "realistisch"
    assert any("Oordeel: **realistisch**" in s.value for s in at.success)
    # The typed offer survives a page switch.
    goto(at, "Kostprijs")
    goto(at, "Tariefcheck")
    assert at.text_input(key="k_tc_offered").value == "120.000"


def test_switching_overhead_convention_moves_tariff_by_engine_difference(demo_raw):
    at = goto(_app(), "Normen & opslagen")
    markup = compute(validate_scenario(demo_raw))
    share_raw = copy.deepcopy(demo_raw)
    share_raw["norms"]["overhead"]["convention"] = "share"
    share = compute(validate_scenario(share_raw))
    difference = share.team.tariff_per_hour - markup.team.tariff_per_hour
    assert any(format_eur(difference) in m.value for m in at.markdown)  # announced before switching
    at.radio(key="w_overhead_convention").set_value("share").run()
    assert not at.exception
    assert metric(at, "Reëel tarief per uur (team)") == format_eur(shown_team(share.team)["tariff_per_hour"])


def test_norm_input_changes_tariff_and_can_be_reset_to_the_default(demo_raw):
    at = goto(_app(), "Normen & opslagen")
    at.text_input(key="w_overhead__pct").set_value("20").run()
    changed = copy.deepcopy(demo_raw)
    changed["norms"]["overhead"]["pct"] = 0.2
    assert at.session_state["raw"]["norms"]["overhead"]["pct"] == 0.2
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(changed)
    at.button(key="reset_overhead__pct").click().run()
    assert "pct" not in at.session_state["raw"]["norms"]["overhead"]
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(demo_raw)


def test_an_emptied_norm_field_names_the_default_it_falls_back_to(demo_raw):
    # Emptied, the overhead field showed nothing while the tariff was computed with 25 %.
    at = goto(_app(), "Normen & opslagen")
    at.text_input(key="w_overhead__pct").set_value("").run()
    assert "pct" not in at.session_state["raw"]["norms"]["overhead"]
    without = copy.deepcopy(demo_raw)
    without["norms"]["overhead"].pop("pct", None)
    in_force = validate_scenario(without).norms.overhead_pct
    expected = f"Leeg: gerekend wordt met **{format_pct(in_force, 0)}**, de waarde die geldt zonder eigen invoer"
    assert any(c.value.startswith(expected) for c in at.caption), [c.value for c in at.caption][:5]
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(without)
    at.text_input(key="w_overhead__pct").set_value("20").run()
    assert not any(c.value.startswith("Leeg:") for c in at.caption)


def test_outside_the_band_asks_for_a_reason_which_is_kept_in_the_scenario(demo_raw):
    at = goto(_app(), "Normen & opslagen")
    at.text_input(key="w_overhead__pct").set_value("40").run()
    reason = at.text_input(key="w_reason_overhead.pct")
    reason.set_value("Kleine organisatie met eigen locaties").run()
    assert at.session_state["raw"]["deviation_reasons"]["overhead.pct"] == "Kleine organisatie met eigen locaties"
    assert validate_scenario(at.session_state["raw"]).deviation_reasons["overhead.pct"].startswith("Kleine")
    goto(at, "Toets")
    shown = table(at, "Norm")
    row = shown[shown["Norm"] == "Overhead"].iloc[0]
    assert row["Licht"] == "oranje" and row["Toelichting"].startswith("Kleine")


def test_hours_method_switch_keeps_the_tariff(demo_raw):
    at = goto(_app(), "Normen & opslagen")
    before = metric(at, "Reëel tarief per uur (team)")
    at.radio(key="w_hours_method").set_value("productive_hours").run()
    assert not at.exception
    assert at.session_state["raw"]["norms"]["productive_hours"] == pytest.approx(1405.1, abs=0.1)
    assert (
        abs(
            float(metric(at, "Reëel tarief per uur (team)")[2:].replace(".", "").replace(",", "."))
            - float(before[2:].replace(".", "").replace(",", "."))
        )
        < 0.02
    )
    at.text_input(key="w_productive_hours").set_value("1.300").run()
    assert metric(at, "Reëel tarief per uur (team)") != before


def test_uploaded_invalid_scenario_is_refused_with_the_problems():
    at = _app()
    bad = b"name: X\norganisation: Y\ndate: 2026-07-01\nemployer: {large: maybe}\nstaff: []\nfoo: 1\n"
    at.file_uploader(key="up_scenario").set_value(("slecht.yaml", bad, "application/x-yaml")).run()
    assert not at.exception
    text = " ".join(e.value for e in at.sidebar.error)
    assert "geen geldig scenario" in text and "foo" in text and "Werkgever" in text
    assert at.session_state["raw"]["name"] == "Offerte sociaal werk 2026"  # nothing replaced


def test_open_a_scenario_file_and_reset_to_demo():
    at = _app()
    data = (ROOT / "examples" / "gemeente.yaml").read_bytes()
    at.file_uploader(key="up_scenario").set_value(("gemeente.yaml", data, "application/x-yaml")).run()
    assert at.session_state["raw"]["name"] == "Toets gemeente 2026"
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(
        read_scenario_file(ROOT / "examples" / "gemeente.yaml")
    )
    at.button(key="btn_reset_demo").click().run()
    assert at.session_state["raw"]["name"] == "Offerte sociaal werk 2026"


def test_save_offers_the_scenario_as_typed_in_engine_format():
    at = _app()
    at.session_state["raw"]["norms"]["risk_pct"] = 0.02
    at.run()
    assert at.sidebar.get("download_button")[0].proto.label == "Opslaan"
    raw = copy.deepcopy(at.session_state["raw"])
    # The button carries dump_scenario(raw) (the browser test downloads it); it reads back the same.
    from pricing.scenario import parse_scenario_text

    again = validate_scenario(parse_scenario_text(dump_scenario(raw).encode()))
    assert again.norms.risk_pct == 0.02
    assert compute(again).team.tariff_per_hour == compute(validate_scenario(raw)).team.tariff_per_hour


def test_comparison_shows_every_step_and_the_total_gap(demo_raw):
    at = goto(_app(), "Vergelijken")
    assert any("Kies en laad scenario B" in i.value for i in at.info)
    at.button(key="btn_load_b").click().run()
    assert not at.exception
    from pricing.compare import compare_scenarios

    comparison = compare_scenarios(demo_raw, read_scenario_file(ROOT / "examples" / "gemeente.yaml"))
    shown = table(at, "Aanname")
    assert list(shown["Aanname"][:-1]) == [s.label for s in comparison.steps]
    assert shown["Effect €/uur"].iloc[-1] == format_eur(comparison.shown_gap)
    assert metric(at, "Verschil B − A per uur") == format_eur(comparison.shown_gap)
    assert any("Volgorde van vervanging" in c.value for c in at.caption)


def test_the_bridge_says_where_its_zoomed_axis_starts(demo_raw):
    """The bridge's axis starts near the bars (steps of cents stay visible), so its bars do not
    rise from 0: the page says where the axis starts, in the figure the chart uses."""
    from pricing.compare import compare_scenarios
    from ui.charts import bridge, bridge_axis, bridge_axis_note

    comparison = compare_scenarios(demo_raw, read_scenario_file(ROOT / "examples" / "gemeente.yaml"))
    bottom, top = bridge_axis(comparison)
    assert 0 < bottom < min(comparison.tariff_a, comparison.tariff_b) < top
    assert list(bridge(comparison).layout.yaxis.range) == [bottom, top]
    at = goto(_app(), "Vergelijken")
    at.button(key="btn_load_b").click().run()
    note = bridge_axis_note(comparison)
    assert f"begint bij {format_eur(bottom)}, niet bij € 0" in note
    assert note in [c.value for c in at.caption]


def test_comparison_b_edited_as_text_refuses_invalid_yaml():
    at = goto(_app(), "Vergelijken")
    at.radio(key="k_compare_source").set_value("copy").run()
    at.button(key="btn_load_b").click().run()
    assert metric(at, "Verschil B − A per uur") == "€ 0,00"
    at.text_area(key="k_compare_b_text").set_value("name: B\nstaff: 3\n").run()
    at.button(key="btn_apply_b").click().run()
    assert any("staff" in e.value or "Organisatie" in e.value for e in at.error)
    assert metric(at, "Verschil B − A per uur") == "€ 0,00"  # B unchanged


def test_presentation_mode_shows_only_key_figures_and_comparison():
    at = goto(_app(), "Vergelijken")
    at.button(key="btn_load_b").click().run()
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception
    assert not at.text_input and not at.file_uploader
    labels = [m.label for m in at.metric]  # with a B loaded it opens on the comparison
    assert "Verschil B − A per uur" in labels and "A · Offerte sociaal werk 2026" in labels
    at.session_state["k_presentation_view"] = "figures"
    at.run()
    assert "Reëel tarief per uur" in [m.label for m in at.metric]
    at.toggle(key="presentation").set_value(False).run()
    assert at.file_uploader(key="up_scenario")


def test_financial_health_figures_and_invalid_input():
    at = goto(_app(), "Toets")
    shown = table(at, "Kengetal")
    assert list(shown["Kengetal"])[:4] == [
        "Solvabiliteit",
        "Current ratio (liquiditeit)",
        "Weerstandsvermogen",
        "Nettomarge",
    ]
    assert "geen signaleringswaarde bekend" in set(shown["Oordeel"])
    at.text_input(key="k_fh_equity").set_value("9.000.000").run()
    assert any("Eigen vermogen: kan niet groter zijn dan het balanstotaal" in e.value for e in at.error)
    assert table(at, "Kengetal").equals(shown)  # last valid figures stay


def test_staff_import_from_csv_and_refusal():
    at = _app()
    csv = "Functie;Schaal;Trede;FTE;Contract;ORT %\nBuurtwerker;8;4;2,5;vast;0\nCoach;9;start;1;flexibel;2,5\n"
    at.file_uploader(key="up_staff").set_value(("formatie.csv", csv.encode(), "text/csv")).run()
    staff = at.session_state["raw"]["staff"]
    assert [s["function"] for s in staff] == ["Buurtwerker", "Coach"]
    assert staff[1]["irregular_pct"] == pytest.approx(0.025)
    bad = "Functie;Schaal;Trede;FTE;Contract\nX;8;4;-1;vast\n"
    at.file_uploader(key="up_staff").set_value(("slecht.csv", bad.encode(), "text/csv")).run()
    assert any("Regel 1, FTE" in e.value for e in at.error)
    assert [s["function"] for s in at.session_state["raw"]["staff"]] == ["Buurtwerker", "Coach"]


def test_simple_mode_reserve_and_productivity_inputs(demo_raw):
    at = goto(_app(), "Normen & opslagen")
    before = metric(at, "Reëel tarief per uur (team)")
    at.toggle(key="w_simple_mode").set_value(True).run()
    assert not at.exception
    flat = at.session_state["raw"]["norms"]["flat_oncost_pct"]
    assert 0.3 < flat < 0.7  # starts at the on-cost the full chain computes
    at.text_input(key="w_flat_oncost_pct").set_value("40").run()
    changed = copy.deepcopy(demo_raw)
    changed["norms"]["flat_oncost_pct"] = 0.4
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(changed)
    at.toggle(key="w_simple_mode").set_value(False).run()
    assert metric(at, "Reëel tarief per uur (team)") == before
    at.toggle(key="w_reserve_on").set_value(True).run()
    at.text_input(key="w_reserve_target").set_value("600.000").run()
    assert at.session_state["raw"]["norms"]["reserve"] == {"target": 600000, "current": 0, "years": 5}
    changed = copy.deepcopy(demo_raw)
    changed["norms"]["reserve"] = {"target": 600000, "current": 0, "years": 5}
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(changed)
    at.radio(key="w_hours_method").set_value("productivity").run()
    at.text_input(key="w_productivity").set_value("80").run()
    changed["norms"]["productivity"] = 0.8
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(changed)


def test_empty_name_is_reported_at_the_field_and_kept(demo_raw):
    at = _app()
    at.text_input(key="w_name").set_value("").run()
    assert any("Naam scenario" in e.value and "verplicht" in e.value for e in at.error)
    assert at.text_input(key="w_name").value == ""
    goto(at, "Kostprijs")
    goto(at, "Organisatie & formatie")
    assert at.text_input(key="w_name").value == ""  # what was typed survives the page switch
    assert metric(at, "Reëel tarief per uur (team)") == engine_tariff(demo_raw)


def test_overhead_from_cost_lines_is_shown_and_can_become_a_percentage():
    at = _app()
    raw = copy.deepcopy(at.session_state["raw"])
    raw["norms"]["overhead"] = {
        "lines": [{"name": "Management", "amount": 600000}, {"name": "Huisvesting", "amount": 250000}]
    }
    at.session_state["raw"] = raw
    at.run()
    goto(at, "Normen & opslagen")
    before = metric(at, "Reëel tarief per uur (team)")
    assert table(at, "Kostenregel")["Kostenregel"].tolist() == ["Management", "Huisvesting"]
    at.button(key="btn_lines_to_pct").click().run()
    assert "pct" in at.session_state["raw"]["norms"]["overhead"]
    assert metric(at, "Reëel tarief per uur (team)") == before


def test_an_impossible_productivity_is_called_impossible(demo_raw):
    at = goto(_app(), "Tariefcheck")
    at.text_input(key="k_tc_offered").set_value("40").run()
    check = check_tariff(compute(validate_scenario(demo_raw)), 40.0, "hour")
    assert not check.productivity_feasible
    assert any(w.value.startswith("Onhaalbaar") for w in at.warning)


def test_the_per_function_table_fits_the_page_from_1280_px_with_short_headers():
    """The page's content is 818 px wide at 1280 px: the per-function table's configured column
    widths add up to at most that (no index column), and the long headers are short with their full
    names in the help. The browser test (tests/test_browser_layout.py) measures it on screen."""
    import json

    at = goto(_app(), "Kostprijs")
    lines = next(f for f in at.dataframe if "Prijs per FTE" in f.value.columns)
    columns = {k: v for k, v in json.loads(lines.proto.columns).items() if k != "_index"}
    assert set(columns) == set(lines.value.columns)
    widths = [c.get("width") for c in columns.values()]
    assert all(isinstance(w, int) for w in widths) and sum(widths) <= 818, widths
    assert columns["Personeelskosten/FTE"]["label"] == "Kosten/FTE"
    assert columns["Personeelskosten/FTE"]["help"] == "Personeelskosten per FTE"
    assert columns["Schaal/trede"]["label"] == "Schaal"


def test_the_staff_grid_fits_the_page_from_1280_px_before_the_details_are_shown():
    """The staff grid's first columns (the details come on request) with the 32 px row markers of a
    grid one adds rows to fit the 818 px of the page at 1280 px; the browser test measures it."""
    import json

    at = _app()
    grid = next(e for e in at.dataframe if str(e.key).startswith("staff_editor"))
    columns = json.loads(grid.proto.columns)
    shown = list(grid.proto.column_order)
    assert shown[:2] == ["Functie", "Schaal"] and "Personen" not in shown
    widths = [columns[c].get("width") for c in shown]
    assert all(isinstance(w, int) for w in widths) and sum(widths) + 32 <= 818, dict(zip(shown, widths))


def test_a_percentage_written_in_the_pages_text_keeps_its_sign_on_the_line_of_its_number():
    """A non-breaking space before '%' in the pages' own sentences (the formatted figures of the
    command line, PDF and xlsx keep theirs)."""
    at = goto(_app(), "Kostprijs")
    assert any("±10\u00a0% van de gebruikte waarde" in c.value for c in at.caption)
    goto(at, "Normen & opslagen")
    assert any("vond 37\u00a0% van de tijd" in c.value and "19\u00a0% aanvaardbaar" in c.value for c in at.caption)
