"""From the demo to one's own organisation: a new scenario, a staff import that no longer matches
the contract, the one-step mapping, renames that follow every reference, removing a contract."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pricing.breakdown import ignored_columns, staff_from_table
from pricing.contract_refs import broken_references, rename_reference, staffing_fte
from pricing.costprice import compute
from pricing.display import shown_team
from pricing.money import format_eur
from pricing.scenario import read_scenario_file, validate_scenario
from tests.app_support import PAGE_TITLES, _app, goto, grid_key, metric

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
TARIFF = "Reëel tarief per uur (team)"
# An HR export: Dutch headings, extra columns, 45 FTE, none of the demo contract's functions but one.
HR_CSV = (
    "Naam;Personeelsnr;Functienaam;Salarisschaal;Periodiek;Aantal FTE;Soort contract\n"
    "A. Jansen;1001;Sociaal werker;8;5;30;vast\n"
    "B. de Vries;1002;Wijkcoach;8;6;10;vast\n"
    "C. Bakker;1003;Leidinggevende;10;4;5;flexibel\n"
)


def _tariff(raw: dict) -> str:
    return format_eur(shown_team(compute(validate_scenario(raw)).team)["tariff_per_hour"])


# ---- pure -------------------------------------------------------------------------------------


def test_broken_references_name_every_missing_function_area_and_task():
    raw = copy.deepcopy(DEMO)
    raw["staff"] = [r for r in raw["staff"] if r["function"] != "Teamleider"]
    raw["contract"]["areas"] = [a for a in raw["contract"]["areas"] if a["name"] != "Zuid"]
    assert broken_references(raw) == {"area": ["Zuid"], "function": ["Teamleider"]}
    assert broken_references(DEMO) == {}


def test_rename_follows_every_line_and_variant_and_leaves_the_input_alone():
    renamed = rename_reference(DEMO, "area", "Noord", "Oost")
    lines = (
        renamed["contract"]["staffing"]
        + renamed["contract"]["activities"]
        + [line for o in renamed["contract"]["options"] for line in o.get("staffing", []) + o.get("activities", [])]
    )
    assert not any(line.get("area") == "Noord" for line in lines)
    assert "Oost" in [a["name"] for a in renamed["contract"]["areas"]]
    assert broken_references(renamed) == {}
    assert any(line.get("area") == "Noord" for line in DEMO["contract"]["staffing"])  # input unchanged
    validate_scenario(renamed)


def test_contract_fte_counts_hours_at_the_billable_hours():
    scenario = validate_scenario(DEMO)
    billable = compute(scenario).hours.billable
    fte = sum(line.get("fte", 0) for line in DEMO["contract"]["staffing"])
    assert staffing_fte(scenario.contract.staffing, billable) == pytest.approx(fte + 700 / billable)


def test_hr_export_headings_are_recognised_and_extra_columns_named():
    records = [dict(zip(HR_CSV.splitlines()[0].split(";"), line.split(";"))) for line in HR_CSV.splitlines()[1:]]
    rows, problems = staff_from_table(records)
    assert problems == []
    assert rows[0] == {"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 30.0, "contract": "permanent"}
    assert ignored_columns(records) == ["Naam", "Personeelsnr"]


# ---- in the app ---------------------------------------------------------------------------------


def test_new_scenario_is_an_empty_organisation_that_says_what_to_do_first():
    at = _app()
    at.button(key="btn_new_scenario").click().run()
    raw = at.session_state["raw"]
    assert "contract" not in raw and raw["staff"] == []
    assert not at.metric  # no figures of the demo left standing
    assert any("nog geen formatie" in i.value and "voorbeeldregel" in i.value for i in at.info)
    for title in PAGE_TITLES[1:]:  # every page copes with zero staff, and says where to begin
        goto(at, title)
        assert not at.exception
        if title != "Versies & rondes":
            assert any("nog geen formatie" in i.value for i in at.info), title
            assert not at.metric, title
            links = at.get("page_link")  # and links to that page
            assert [(link.proto.label, link.proto.page) for link in links] == [("Organisatie & formatie", "")], title
    at.toggle(key="presentation").set_value(True).run()
    assert not at.exception and any("nog geen formatie" in i.value for i in at.info)
    at.toggle(key="presentation").set_value(False).run()
    goto(at, "Organisatie & formatie")
    at.button(key="btn_staff_sample").click().run()
    raw = at.session_state["raw"]
    assert raw["staff"] == [{"function": "Sociaal werker", "scale": 8, "step": 4, "fte": 1, "contract": "permanent"}]
    assert metric(at, TARIFF) == _tariff(raw)
    goto(at, "Contract & offerte")
    assert at.button(key="contract_add")


def test_an_import_that_breaks_the_contract_prices_the_new_staffing_and_maps_in_one_step():
    at = _app()
    at.file_uploader(key="up_staff").set_value(("hr.csv", HR_CSV.encode(), "text/csv")).run()
    raw = at.session_state["raw"]
    assert [r["function"] for r in raw["staff"]] == ["Sociaal werker", "Wijkcoach", "Leidinggevende"]
    without = {k: v for k, v in raw.items() if k != "contract"}
    assert metric(at, TARIFF) == _tariff(without)  # not frozen on the demo's staffing
    assert any("Genegeerde kolommen" in s.value and "Naam, Personeelsnr" in s.value for s in at.success)
    goto(at, "Contract & offerte")
    broken = broken_references(at.session_state["raw"])["function"]
    assert "Teamleider" in broken
    for old in broken:  # the mapping offers the functions of the imported staffing
        assert at.selectbox(key=f"k_map_function_{old}").options == ["Leidinggevende", "Sociaal werker", "Wijkcoach"]
        at.selectbox(key=f"k_map_function_{old}").set_value("Sociaal werker")
    at.button[[b.label for b in at.button].index("Verwijzingen vervangen")].click().run()
    raw = at.session_state["raw"]
    assert broken_references(raw) == {}
    assert not at.session_state["problems"]
    assert metric(at, "FTE in de formatie") == "45,00"


def test_renaming_an_area_renames_every_reference():
    at = goto(_app(), "Contract & offerte")
    at.session_state[grid_key(at, "contract_areas")] = {
        "edited_rows": {0: {"Gebied": "Oost"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    c = at.session_state["raw"]["contract"]
    assert c["areas"][0]["name"] == "Oost"
    assert not any(line.get("area") == "Noord" for line in c["staffing"] + c["activities"])
    assert not at.session_state["problems"]


def test_renaming_a_function_in_the_staff_table_renames_it_in_the_contract():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = {"edited_rows": {7: {"Functie": "Leidinggevende"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    raw = at.session_state["raw"]
    assert raw["staff"][7]["function"] == "Leidinggevende"
    assert {"function": "Leidinggevende", "fte": 3.0} in raw["contract"]["staffing"]
    assert not at.session_state["problems"]


def test_a_contract_can_be_removed():
    at = goto(_app(), "Contract & offerte")
    at.button(key="btn_contract_remove").click().run()
    assert "contract" not in at.session_state["raw"]
    assert at.button(key="contract_add")


# ---- negotiation without YAML ----------------------------------------------------------------------


def test_scenario_b_is_edited_with_the_same_forms_and_compared():
    from pricing.compare import compare_scenarios

    at = goto(_app(), "Vergelijken")
    at.button(key="btn_load_b").click().run()
    at.button(key="btn_edit_b").click().run()
    assert at.session_state["raw"]["name"] == at.session_state["compare_b"]["name"]  # B is in the forms
    goto(at, "Normen & opslagen")
    at.text_input(key="w_overhead__pct").set_value("22,5").run()
    assert any("scenario B" in w.value for w in at.sidebar.warning)
    at.sidebar.button(key="btn_stop_b").click().run()
    b = at.session_state["compare_b"]
    assert b["norms"]["overhead"]["pct"] == pytest.approx(0.225)
    assert at.session_state["raw"]["name"] == DEMO["name"]  # A is back in the forms
    goto(at, "Vergelijken")
    expected = compare_scenarios(validate_scenario(DEMO), b)
    assert metric(at, "Verschil B − A per uur") == format_eur(expected.shown_gap)


def test_a_productivity_step_says_why_the_budget_does_not_move():
    from pricing.compare import compare_scenarios
    from ui.compare import steps_table

    b = copy.deepcopy(DEMO)
    b["norms"]["productivity"] = 0.80
    b["norms"].pop("hours", None)
    table = steps_table(compare_scenarios(DEMO, b))
    step = table[table["Aanname"].str.contains("roductiv|uren", case=False)].iloc[0]
    assert "jaarbudget" in step["Waarom"] and step["Effect jaarbudget"] == "€ 0"


def test_a_refused_grid_cell_names_the_field_what_was_typed_and_the_value_kept():
    at = _app()
    key = f"staff_editor_{at.session_state['staff_version']}"
    at.session_state[key] = {"edited_rows": {0: {"FTE": "twaalf"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    shown = [e.value for e in at.error if "Regel 1 (Sociaal werker), FTE" in e.value]
    assert shown and "'twaalf'" in shown[0]
    assert "Niet overgenomen: de berekening gebruikt nog 12,00 FTE" in shown[0]


def test_a_refused_number_field_names_the_field_what_was_typed_and_the_value_kept():
    at = goto(_app(), "Normen & opslagen")
    field = [t for t in at.text_input if t.label == "Verlof (uur)"][0]
    field.input("17O").run()  # a letter O typed for a zero
    shown = [e.value for e in at.error if e.value.startswith("Verlof (uur):")]
    assert shown and "'17O'" in shown[0] and "Niet overgenomen: de vorige waarde 170" in shown[0], shown
    assert any("Verlof (uur): '17O' niet overgenomen; de vorige waarde 170" in t.value for t in at.toast)
