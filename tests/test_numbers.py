"""One number reading for YAML and JSON: refused forms, ambiguous amounts and numbers of any size."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pricing.contract import all_budgets
from pricing.costprice import compute
from pricing.loading import LoadError, load_json, load_yaml
from pricing.scenario import (
    ScenarioError,
    dump_scenario,
    parse_scenario_text,
    read_scenario_file,
    validate_scenario,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")  # with a contract


def _refusal(text: str, filename: str = "s.yaml") -> str:
    with pytest.raises(ScenarioError) as info:
        parse_scenario_text(text.encode(), filename)
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


def _scenario_text(**changes: str) -> str:
    text = dump_scenario(EXAMPLE)
    for key, value in changes.items():
        lines = [line for line in text.splitlines() if line.startswith(f"{key}:")]
        text = text.replace(lines[0], f"{key}: {value}") if lines else text + f"{key}: {value}\n"
    return text


def test_an_amount_with_three_decimals_is_refused_as_ambiguous():
    message = _refusal(_scenario_text(activity_budget="85.000"))
    assert message.startswith("activity_budget: 85.000 is dubbelzinnig")
    assert "schrijf 85000" in message and "(regel" in message
    assert "schrijf 85000" in _refusal('{"name": "x", "activity_budget": 85.000}', "s.json")


def test_other_decimals_are_plain_numbers():
    assert load_yaml("a: 85.0\nb: 0.055\nc: 1234.567\nd: 85.5\ne: 85000") == {
        "a": 85.0,
        "b": 0.055,
        "c": 1234.567,
        "d": 85.5,
        "e": 85000,
    }


@pytest.mark.parametrize(
    "value, phrase",
    [
        ("010", "voorloopnul"),
        ("1:30", "zestigtallen"),
        ("0x1F", "geen decimaal getal"),
        ("0b101", "geen decimaal getal"),
        ("1_000", "geen decimaal getal"),
        ("yes", "true of false"),
        ("Off", "true of false"),
        (".inf", "geen eindig getal"),
        (".NaN", "geen eindig getal"),
    ],
)
def test_yaml_11_number_forms_are_refused_not_converted(value, phrase):
    message = _refusal(f"name: x\nnorms:\n  risk_pct: {value}\n")
    assert message.startswith("norms.risk_pct: ") and phrase in message


def test_octal_scale_and_sexagesimal_fte_are_refused():
    raw_text = dump_scenario(EXAMPLE).replace("scale: 8", "scale: 010", 1)
    assert _refusal(raw_text).startswith("staff[1].scale: '010' met een voorloopnul")
    raw_text = dump_scenario(EXAMPLE).replace("fte: 1.0", "fte: 1:30", 1).replace("fte: 1\n", "fte: 1:30\n", 1)
    assert "zestigtallen" in _refusal(raw_text)


def test_quoted_forms_stay_text():
    assert load_yaml("a: '010'\nb: '1:30'\nc: \"85.000\"") == {"a": "010", "b": "1:30", "c": "85.000"}


def test_json_duplicates_and_constants_are_refused_as_in_yaml():
    assert "dubbele sleutel 'name'" in _refusal('{"name": "a", "name": "b"}', "s.json")
    assert "dubbele sleutel 'name'" in _refusal("name: a\nname: b\n")
    assert "NaN is geen eindig getal" in _refusal('{"name": NaN}', "s.json")
    assert "Infinity is geen eindig getal" in _refusal('{"name": -Infinity}', "s.json")


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "{[1]: x}\n", "? {a: 1}\n: 2\n", "a: &k [1]\n? *k\n: 2\n"])
def test_a_list_or_mapping_as_key_is_refused(text):
    assert "als sleutel is niet toegestaan" in _refusal(text)


def test_yaml_and_json_read_numbers_alike():
    for text in ("12", "-3", "0.25", "1e30", "1.5E-3", "0", "-0.0"):
        assert load_yaml(f"x: {text}") == load_json(f'{{"x": {text}}}') == {"x": json.loads(text)}
    for text in ("010", "85.000"):
        with pytest.raises(LoadError):
            load_yaml(f"x: {text}")
    with pytest.raises(LoadError):
        load_json('{"x": 85.000}')


def test_numbers_of_any_size_give_the_range_message():
    text = dump_scenario(EXAMPLE)
    for written in ("1e30", "1" + "0" * 400, "-1e30", "1e400"):
        changed = text.replace("fte: 4.0\n", f"fte: {written}\n", 1)
        assert changed != text
        with pytest.raises(ScenarioError) as info:
            validate_scenario(parse_scenario_text(changed.encode()))
        message = str(info.value)
        assert "fte" in message and ("buiten het toegestane bereik" in message or "geen geldig getal" in message)


def _numeric_paths(value, prefix=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _numeric_paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _numeric_paths(child, prefix + (index,))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield prefix


@pytest.mark.parametrize("value", [1e28, 9.99e27, 10**28 + 1, 1e30, -1e30, 10**400, 1e308, "²"])
def test_every_number_field_refuses_huge_values_without_an_arithmetic_exception(value):
    for path in _numeric_paths(EXAMPLE):
        raw = copy.deepcopy(EXAMPLE)
        target = raw
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        try:
            all_budgets(compute(validate_scenario(raw)))
        except ScenarioError as error:
            assert error.problems
        # any other exception (InvalidOperation, OverflowError, ValueError) fails the test


@pytest.mark.parametrize("step", ["²", "٣", "1²", " ", "10**400", 10**400, -1])
def test_a_step_that_is_not_an_ascii_number_gets_a_message(step):
    raw = copy.deepcopy(EXAMPLE)
    raw["staff"][0]["step"] = step
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    assert any(p.path == "staff[1].step" for p in info.value.problems)
