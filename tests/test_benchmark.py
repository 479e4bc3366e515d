"""Benchmark sets: the shipped indicative set, the loader's refusals, and the traffic lights."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from pricing.benchmark import (
    DEFAULT_SET,
    BenchmarkFileError,
    compare_to_set,
    load_benchmark_set,
    missing_reasons,
    parse_benchmark_set,
)
from pricing.costprice import compute
from pricing.scenario import read_scenario_file, validate_scenario

ROOT = Path(__file__).resolve().parents[1]

RAW = yaml.safe_load(DEFAULT_SET.read_text(encoding="utf-8"))


def test_indicative_set_holds_the_public_references_of_domain_section_5():
    bset = load_benchmark_set()
    assert set(bset.bands) == {"productivity", "hours.sick_pct", "overhead.pct"}
    productivity = bset.bands["productivity"]
    assert (productivity.low, productivity.high) == (0.728, 0.83)
    assert productivity.kind == "constructed"  # two published points, not a published band
    assert [s.value for s in productivity.sources] == [0.728, 0.83]
    sick = bset.bands["hours.sick_pct"]
    assert (sick.low, sick.high, sick.kind) == (0.064, 0.072, "published_range")
    overhead = bset.bands["overhead.pct"]
    assert (overhead.low, overhead.high, overhead.kind) == (0.20, 0.33, "constructed")
    assert all(b.sources and b.note for b in bset.bands.values())
    assert overhead.text() == "20,0 % – 33,0 %"


def _bad(change) -> list[str]:
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(BenchmarkFileError) as info:
        parse_benchmark_set(yaml.safe_dump(raw, allow_unicode=True))
    return info.value.problems


def test_loader_collects_every_problem_in_dutch():
    def change(raw):
        raw["extra"] = 1
        raw["bands"]["overhead.pct"]["sources"] = []
        raw["bands"]["hours.sick_pct"]["low"] = 0.09
        raw["bands"]["nonsense"] = raw["bands"].pop("productivity")
        raw["bands"]["nonsense"]["colour"] = "red"

    problems = _bad(change)
    text = "\n".join(problems)
    assert "extra: onbekende sleutel" in text
    assert "bands.overhead.pct.sources: elke band heeft minstens één bron nodig" in text
    assert "bands.hours.sick_pct: low (0.09) is groter dan high (0.072)" in text
    assert "bands.nonsense: onbekende normsleutel" in text
    assert "bands.nonsense.colour: onbekende sleutel" in text
    assert len(problems) == 5


def test_loader_refuses_duplicate_keys_percent_typos_and_non_yaml():
    dup = "name: x\nbands:\n  risk_pct: {label: a}\n  risk_pct: {label: b}\n"
    with pytest.raises(BenchmarkFileError, match="dubbele sleutel"):
        parse_benchmark_set(dup)
    assert any(
        "een fractie ligt tussen 0 en 3" in p for p in _bad(lambda r: r["bands"]["overhead.pct"].update(high=33))
    )
    with pytest.raises(BenchmarkFileError, match="geen geldige YAML"):
        parse_benchmark_set("name: [unclosed")
    with pytest.raises(BenchmarkFileError, match="UTF-8"):
        parse_benchmark_set(b"\xff\xfe")


def test_another_set_in_the_same_format_loads():
    own = {
        "name": "Eigen set",
        "bands": {
            "risk_pct": {
                "label": "Risico",
                "unit": "fraction",
                "low": 0.01,
                "high": 0.02,
                "kind": "published_range",
                "sources": [{"title": "Licentie X", "href": ""}],
            },
        },
    }
    bset = parse_benchmark_set(yaml.safe_dump(own), "eigen.yaml")
    assert bset.origin == "eigen.yaml" and bset.bands["risk_pct"].high == 0.02


def test_lights_green_inside_orange_with_reason_red_without():
    raw = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
    bset = load_benchmark_set()
    scenario = validate_scenario(raw)
    checks = {c.key: c for c in compare_to_set(scenario, compute(scenario), bset)}
    assert checks["overhead.pct"].light == "green"
    assert checks["productivity"].derived and checks["productivity"].light == "green"
    assert checks["material_per_fte"].light == "none"
    raw["norms"]["overhead"]["pct"] = 0.40
    raw["norms"]["hours"] = {"sick_pct": 0.05}
    raw["deviation_reasons"] = {"overhead.pct": "Eigen panden"}
    scenario = validate_scenario(raw)
    checks = compare_to_set(scenario, compute(scenario), bset)
    by_key = {c.key: c for c in checks}
    assert (by_key["overhead.pct"].position, by_key["overhead.pct"].light) == ("above", "orange")
    # Sick leave below the sector range is favourable (the band says so), not a deviation.
    sick = by_key["hours.sick_pct"]
    assert (sick.position, sick.light, sick.favourable, sick.needs_reason) == ("below", "green", True, False)
    assert sick.light_label == "onder de band: gunstig"
    assert missing_reasons(checks) == ()
    raw["norms"]["hours"] = {
        "sick_pct": 0.085
    }  # 0.09 with 14.4 vitality hours would also push productivity below its band
    scenario = validate_scenario(raw)
    checks = compare_to_set(scenario, compute(scenario), bset)
    sick = {c.key: c for c in checks}["hours.sick_pct"]
    assert (sick.position, sick.light, sick.favourable, sick.needs_reason) == ("above", "red", False, True)
    assert missing_reasons(checks) == ("hours.sick_pct",)
    # The band edge counts as inside, even as a float typed through a percentage field.
    raw["norms"]["overhead"]["pct"] = 20.0 / 100
    scenario = validate_scenario(raw)
    assert {c.key: c for c in compare_to_set(scenario, None, bset)}["overhead.pct"].light == "green"


def test_overhead_is_compared_in_the_bands_convention():
    from pricing.benchmark import check_value, convert_overhead, load_benchmark_set

    bset = load_benchmark_set()
    assert bset.bands["overhead.pct"].convention == "markup"
    # 25 % as a share of integral cost is a 33.3 % mark-up: above a 20-33 % mark-up band.
    assert convert_overhead(0.25, "share", "markup") == pytest.approx(1 / 3)
    assert check_value("overhead.pct", 0.25, bset, {}, convention="share").position == "above"
    assert check_value("overhead.pct", 0.25, bset, {}, convention="markup").position == "within"
    # 35 % as a mark-up is above the band; the same money as a share (25.9 %) is not compared raw.
    assert check_value("overhead.pct", 0.35, bset, {}, convention="markup").position == "above"
    assert convert_overhead(convert_overhead(0.3, "markup", "share"), "share", "markup") == pytest.approx(0.3)


def test_an_overhead_band_must_say_its_convention():
    from pricing.benchmark import BenchmarkFileError, parse_benchmark_set

    text = (ROOT / "benchmarks" / "indicatief.yaml").read_text(encoding="utf-8").replace("    convention: markup\n", "")
    with pytest.raises(BenchmarkFileError) as info:
        parse_benchmark_set(text, "zonder-conventie.yaml")
    assert any("convention" in p for p in info.value.problems)


def test_a_band_says_which_side_is_favourable_and_a_wrong_word_is_refused():
    from pricing.benchmark import check_value

    band = {
        "label": "Risico",
        "unit": "fraction",
        "low": 0.01,
        "high": 0.02,
        "kind": "published_range",
        "sources": [{"title": "Eigen benchmark", "href": "https://example.org/", "date": 2025}],
    }
    bset = parse_benchmark_set(yaml.safe_dump({"name": "Eigen", "bands": {"risk_pct": {**band, "favourable": "high"}}}))
    assert bset.bands["risk_pct"].sources[0].text == "Eigen benchmark (2025), https://example.org/"
    above = check_value("risk_pct", 0.03, bset, {})
    below = check_value("risk_pct", 0.005, bset, {})
    assert (above.light, above.favourable, above.light_label) == ("green", True, "boven de band: gunstig")
    assert (below.light, below.favourable) == ("red", False)
    two_sided = parse_benchmark_set(yaml.safe_dump({"name": "Eigen", "bands": {"risk_pct": band}}))
    assert two_sided.bands["risk_pct"].favourable == "neither"
    assert check_value("risk_pct", 0.03, two_sided, {}).light == "red"
    with pytest.raises(BenchmarkFileError, match="favourable.*kies low"):
        parse_benchmark_set(yaml.safe_dump({"name": "Eigen", "bands": {"risk_pct": {**band, "favourable": "laag"}}}))


def test_a_control_character_in_a_set_is_refused_naming_its_place():
    # A set's name and labels reach the offer PDF as they are written.
    problems = _bad(lambda r: r.update(name="Set\x1b[31m"))
    assert problems == [
        "name: bevat op teken 4 een onzichtbaar stuurteken (U+001B) dat in tekst niet is toegestaan; "
        "verwijder het, of typ de tekst op die plaats opnieuw"
    ]
    problems = _bad(lambda r: r["bands"]["productivity"].update(label="Prod\x07"))
    assert problems[0].startswith("bands.productivity.label: bevat op teken 5 een onzichtbaar stuurteken (U+0007)")
