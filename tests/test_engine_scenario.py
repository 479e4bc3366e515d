"""Scenario validation: every problem at once, in Dutch, with the field path; nothing clipped."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pricing.loading import MAX_FILE_BYTES
from pricing.scenario import (
    ScenarioError,
    dump_scenario,
    load_scenario,
    parse_scenario_text,
    read_scenario_file,
    validate_scenario,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")


def problems(raw) -> dict[str, str]:
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    return {p.path: p.message for p in info.value.problems}


def demo() -> dict:
    return copy.deepcopy(DEMO)


def test_demo_has_40_to_50_fte_over_6_to_8_functions():
    scenario = load_scenario(ROOT / "examples" / "voorbeeld.yaml")
    assert 40 <= sum(l.fte for l in scenario.staff) <= 50
    assert 6 <= len({l.function for l in scenario.staff}) <= 8


def test_every_example_validates():
    for path in (ROOT / "examples").glob("*.yaml"):
        load_scenario(path)


def test_missing_required_keys_are_all_reported():
    found = problems({"norms": {}})
    for key in ("name", "organisation", "date", "employer", "staff"):
        assert key in found and "verplicht" in found[key]


def test_all_problems_are_reported_at_once_with_paths():
    raw = demo()
    raw["staff"][0]["fte"] = -1
    raw["staff"][1]["scale"] = 17
    raw["staff"][2]["contract"] = "tijdelijk"
    raw["norms"]["productivity"] = 1.2
    raw["norms"]["overhead"]["convention"] = "opslag"
    found = problems(raw)
    assert "buiten het toegestane bereik" in found["staff[1].fte"]
    assert "schaal 17 bestaat niet" in found["staff[2].scale"]
    assert "permanent, flexible" in found["staff[3].contract"]
    assert "norms.productivity" in found and "1" in found["norms.productivity"]
    assert "markup, share" in found["norms.overhead.convention"]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "12", True, None])
def test_fte_must_be_a_finite_number(bad):
    raw = demo()
    raw["staff"][0]["fte"] = bad
    found = problems(raw)
    assert "staff[1].fte" in found


def test_zero_fte_is_refused_not_ignored():
    raw = demo()
    raw["staff"][0]["fte"] = 0
    assert "groter dan 0" in problems(raw)["staff[1].fte"]


def test_percentage_typed_as_whole_number_is_refused():
    raw = demo()
    raw["norms"]["overhead"]["pct"] = 25
    assert "norms.overhead.pct" in problems(raw)


def test_unknown_keys_are_refused_with_the_allowed_ones():
    raw = demo()
    raw["norm"] = {}
    raw["staff"][0]["salary"] = 4000
    found = problems(raw)
    assert "toegestaan zijn" in found["norm"] and "norms" in found["norm"]
    assert "monthly_salary" in found["staff[1].salary"]


def test_step_beyond_the_table_asks_for_an_own_salary():
    raw = demo()
    raw["staff"][0]["step"] = 11
    assert "monthly_salary" in problems(raw)["staff[1].step"]
    raw["staff"][0]["monthly_salary"] = 4500
    scenario = validate_scenario(raw)
    assert scenario.staff[0].monthly_salary == 4500


def test_unknown_cell_scale_14_step_8_asks_for_an_own_salary():
    raw = demo()
    raw["staff"][0].update(scale=14, step=8)
    assert "onbekend in de cao-tabel" in problems(raw)["staff[1].step"]


def test_step_start_and_numeric_strings_are_accepted():
    raw = demo()
    raw["staff"][0]["step"] = "start"
    raw["staff"][1]["step"] = "3"
    scenario = validate_scenario(raw)
    assert scenario.staff[0].step == "start" and scenario.staff[1].step == "3"


def test_date_outside_the_data_is_reported_at_the_field():
    raw = demo()
    raw["date"] = "2031-03-01"  # beyond the edition's forecast
    found = problems(raw)
    assert any("2031" in m for m in found.values())
    raw["date"] = "2026-02-30"
    assert "JJJJ-MM-DD" in problems(raw)["date"]


def test_only_one_of_hours_productivity_productive_hours():
    raw = demo()
    raw["norms"]["productivity"] = 0.75
    raw["norms"]["productive_hours"] = 1400
    assert "één van" in problems(raw)["norms"]


@pytest.mark.parametrize("value", [0, "", [], False])
def test_hours_that_are_not_a_mapping_are_refused_not_read_as_not_given(value):
    raw = demo()
    raw["norms"] = {k: v for k, v in raw["norms"].items() if k not in ("productivity", "productive_hours")}
    raw["norms"]["hours"] = value
    assert "verwacht een mapping met contract, leave" in problems(raw).get("norms.hours", ""), problems(raw)


def test_an_empty_hours_mapping_takes_every_hour_from_the_parameters():
    raw = demo()
    raw["norms"] = {k: v for k, v in raw["norms"].items() if k not in ("productivity", "productive_hours")}
    without = validate_scenario(copy.deepcopy(raw))
    raw["norms"]["hours"] = {}
    assert validate_scenario(raw).norms == without.norms


def test_hours_that_leave_nothing_productive_are_refused():
    raw = demo()
    raw["norms"]["hours"] = {"contract": 1878, "leave": 600, "training": 600, "meetings": 600}
    assert "productieve uren over; minimaal 100" in problems(raw)["norms.hours"]


def test_share_convention_needs_pct_below_one():
    raw = demo()
    raw["norms"]["overhead"] = {"pct": 1.0, "convention": "share"}
    assert "kleiner zijn dan 1" in problems(raw)["norms.overhead.pct"]


def test_overhead_pct_and_lines_together_are_refused():
    raw = demo()
    raw["norms"]["overhead"] = {"pct": 0.2, "lines": [{"name": "ICT", "amount": 1000}]}
    assert "niet beide" in problems(raw)["norms.overhead"]


def test_defaults_are_recorded_with_their_source():
    scenario = load_scenario(ROOT / "tests" / "fixtures" / "organisation.yaml")
    assert scenario.defaults["overhead.pct"].status == "assumption"
    assert scenario.defaults["hours.sick_pct"].value == 0.065
    assert "hours.contract" in scenario.defaults


def test_given_norms_are_not_defaults():
    scenario = load_scenario(ROOT / "examples" / "gemeente.yaml")
    assert "overhead.pct" not in scenario.defaults
    assert scenario.deviation_reasons["overhead.pct"].startswith("Gemeentelijke norm")


def test_round_trip_through_yaml_and_json(tmp_path):
    text = dump_scenario(DEMO)
    assert validate_scenario(parse_scenario_text(text)) == validate_scenario(DEMO)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(json.loads(json.dumps(DEMO, default=str))), encoding="utf-8")
    assert load_scenario(path).name == DEMO["name"]


@pytest.mark.parametrize(
    "text", [b"\xff\xfe", b"- a\n- b\n", b"a: [", b"!!python/object/apply:os.system ['echo hi']", b"a: 1\na: 2\n"]
)
def test_unsafe_or_broken_files_give_a_scenario_error(text):
    with pytest.raises(ScenarioError):
        parse_scenario_text(text, "x.yaml")


def test_oversized_file_is_refused():
    with pytest.raises(ScenarioError, match="groter dan"):
        parse_scenario_text(b"a" * (MAX_FILE_BYTES + 1), "x.yaml")


def test_problem_text_is_dutch_and_lists_every_problem():
    raw = demo()
    raw["staff"][0]["fte"] = -2
    raw["employer"] = {"large": "ja"}
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    text = str(info.value)
    assert text.startswith("Het scenario bevat 2 fout(en):")
    assert "- staff[1].fte:" in text and "- employer.large:" in text


def test_date_outside_the_parameters_is_one_problem_at_the_date():
    raw = demo()
    raw["date"] = "2023-06-01"
    for line in raw["staff"]:
        line["monthly_salary"] = 1000
    found = problems(raw)
    assert list(found) == ["date"]
    assert "kies een datum vanaf 1 januari 2024" in found["date"]


@pytest.mark.parametrize(
    "key, value",
    [("productivity", 1e-300), ("productive_hours", 1e-300), ("productive_hours", 50), ("client_bound_share", 0.01)],
)
def test_absurdly_small_norms_are_refused(key, value):
    raw = demo()
    raw["norms"][key] = value
    if key == "client_bound_share":
        raw["norms"]["billable"] = "client_bound"
    assert f"norms.{key}" in problems(raw)


def test_huge_integers_and_deep_nesting_are_refused_not_crashes():
    raw = demo()
    raw["staff"][0]["fte"] = 10**400
    raw["staff"][1]["fte"] = 10**5000  # more digits than Python will print
    raw["staff"][2]["scale"] = 10**5000
    found = problems(raw)
    assert "een getal van 401 cijfers valt buiten het toegestane bereik" in found["staff[1].fte"]
    assert "een getal van 5001 cijfers valt buiten het toegestane bereik" in found["staff[2].fte"]
    assert "bestaat niet" in found["staff[3].scale"]
    with pytest.raises(ScenarioError, match="diep genest"):
        parse_scenario_text(b"[" * 100000 + b"]" * 100000, "x.json")
    with pytest.raises(ScenarioError):
        parse_scenario_text(("a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))).encode(), "x.yaml")


def test_description_is_validated_as_text():
    raw = demo()
    raw["description"] = {"nested": 1}
    assert "verwacht tekst" in problems(raw)["description"]
    raw["description"] = "x" * 2001
    assert "2.000" in problems(raw)["description"]


def test_null_optional_blocks_mean_not_given():
    raw = demo()
    raw["norms"] = None
    assert validate_scenario(raw).defaults["overhead.pct"].status == "assumption"
    raw = demo()
    raw["norms"]["overhead"] = None
    assert validate_scenario(raw).norms.overhead_pct == 0.25


def test_a_directory_is_not_a_scenario_file(tmp_path):
    with pytest.raises(ScenarioError, match="geen bestand"):
        read_scenario_file(tmp_path)


def test_one_bad_fte_in_a_scenario_with_a_contract_is_one_problem():
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    if "contract" not in raw:
        pytest.skip("the demo has no contract block")
    raw["staff"][0]["fte"] = -1
    assert list(problems(raw)) == ["staff[1].fte"]


@pytest.mark.parametrize(
    "text, place, code",
    [
        ("a\x01b", 2, "U+0001"),
        ("x\x00y", 2, "U+0000"),
        ("rood\x1b[31m", 5, "U+001B"),
        ("\x85", 1, "U+0085"),
        ("bel\x07", 4, "U+0007"),
    ],
)
def test_a_control_character_in_a_text_is_refused(text, place, code):
    # Written as an escape ("\x1b[31m") it passed the YAML reader and reached the terminal raw.
    raw = copy.deepcopy(DEMO)
    raw["name"] = text
    raw["staff"][0]["function"] = text
    found = problems(raw)
    assert found["name"] == (
        f"bevat op teken {place} een onzichtbaar stuurteken ({code}) dat in tekst niet is toegestaan; "
        "verwijder het, of typ de tekst op die plaats opnieuw"
    )
    assert "stuurteken" in found["staff[1].function"]


def test_tabs_and_line_breaks_stay_allowed_in_a_text():
    raw = copy.deepcopy(DEMO)
    raw["description"] = "Eerste regel\nTweede\tregel\r\n"
    assert validate_scenario(raw).name == DEMO["name"]


def test_a_lone_surrogate_is_named_as_such_in_a_text_and_in_a_key():
    raw = copy.deepcopy(DEMO)
    raw["name"] = "\ud800"
    assert "geen geldige Unicode-tekst is (een losse surrogaat)" in problems(raw)["name"]
    raw = copy.deepcopy(DEMO)
    raw["\udfff"] = 1
    assert "geen geldige Unicode-tekst" in " ".join(problems(raw).values())


@pytest.mark.parametrize("key", ["overhead_pct", "bestaat.niet", 5])
def test_a_deviation_reason_under_an_unknown_key_is_refused(key):
    # A typo kept the reason where the benchmark check never looks: orange turned red without a word.
    raw = copy.deepcopy(DEMO)
    raw["deviation_reasons"] = {key: "Gemeentelijke norm"}
    found = problems(raw)[f"deviation_reasons.{key}"]
    assert found.startswith("onbekende sleutel") and "overhead.pct" in found


def test_a_deviation_reason_under_a_norm_key_is_kept():
    raw = copy.deepcopy(DEMO)
    raw["deviation_reasons"] = {"overhead.pct": "Gemeentelijke norm"}
    assert validate_scenario(raw).deviation_reasons == {"overhead.pct": "Gemeentelijke norm"}


@pytest.mark.parametrize(
    "key, path", [("\ud800", "deviation_reasons.\\ud800"), ("\x1b[31mROOD", "deviation_reasons.\\x1b[31mROOD")]
)
def test_an_unknown_reason_key_is_escaped_in_its_path(key, path):
    # A lone surrogate in the path broke every page (Streamlit cannot send it); an ESC recoloured the terminal.
    raw = copy.deepcopy(DEMO)
    raw["deviation_reasons"] = {key: "x"}
    assert path in problems(raw)


def test_an_unknown_key_with_a_control_character_is_named_escaped():
    # The key went raw into the message: an ESC in it recoloured the terminal.
    raw = copy.deepcopy(DEMO)
    raw["norms"]["k\x1b[31m"] = 1
    raw["top\x07"] = 1
    raw["staff"][0]["s\x1b"] = 1
    found = problems(raw)
    assert {"norms.k\\x1b[31m", "top\\x07", "staff[1].s\\x1b"} <= set(found), found
    assert not any(c in "".join(found) + "".join(found.values()) for c in "\x1b\x07")
