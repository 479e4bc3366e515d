"""Fuzz run (hypothesis): hostile input through the loader and the engine, zero unhandled exceptions.

Stated numbers of examples: 400 random byte strings and 300 random YAML documents through the
scenario loader, 300 mutated demo scenarios through validation and the chain; 1,000 random texts
through the PDF's escaping into a reportlab Paragraph, and 20 whole offers with random user text in
every text field; 200 generated hostile scenario files (tests/fuzz_support.py) through loader,
validation, engine, contract and PDF text, and 6 of them through the CLI (bench/fuzz.py and
bench/fuzz_cli.py run the same generator 25,000 and 300 times). Every input must either compute
(and print) or be refused with a ScenarioError that lists Dutch problems.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pricing.costprice import compute
from pricing.scenario import (
    ScenarioError,
    parse_scenario_text,
    read_scenario_file,
    validate_scenario,
)
from tests.example_counts import examples
from tests.fuzz_support import cli_command, cli_verdict, run_pipeline, scenario_files

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")

anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**400), 10**400)
    | st.floats()
    | st.floats(min_value=-1e-300, max_value=1e-300)
    | st.dates().map(str)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children, max_size=6),
    max_leaves=30,
)


def _load_and_compute(data, filename):
    try:
        raw = parse_scenario_text(data, filename)
        compute(validate_scenario(raw))
    except ScenarioError as error:
        assert error.problems and all(str(p) for p in error.problems)


@settings(max_examples=examples(400), deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["x.yaml", "x.json"]))
def test_random_bytes_through_the_loader(data, filename):
    _load_and_compute(data, filename)


@settings(max_examples=examples(300), deadline=None)
@given(anything)
def test_random_yaml_documents_through_the_loader(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    _load_and_compute(text.encode("utf-8"), "x.yaml")


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


DEMO_PATHS = [p for p in _paths(DEMO) if p]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(DEMO_PATHS), anything), min_size=1, max_size=4))
def test_mutated_demo_scenarios_compute_or_are_refused(mutations):
    raw = copy.deepcopy(DEMO)
    for path, value in mutations:
        target = raw
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced the parent; nothing to set
    try:
        result = compute(validate_scenario(raw))
        assert result.team.tariff_per_hour > 0
    except ScenarioError as error:
        assert error.problems


# ---- the PDF text path ---------------------------------------------------------------------------

texts = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120)
MARKUP = st.sampled_from(
    ["<b>", "</para>", "<font name=x>", "&amp;", "&", "<", ">", "\x07", "<br/>", "]]>", "R&D", "Łódź"]
)
hostile = st.lists(st.one_of(texts, MARKUP), min_size=1, max_size=6).map("".join)


@settings(max_examples=examples(1000), deadline=None)
@given(hostile)
def test_any_text_through_the_pdf_escaping_makes_a_paragraph(text):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    from pricing.report.pdf import esc

    Paragraph(esc(text), getSampleStyleSheet()["Normal"])  # raises on markup it cannot parse


@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, hostile, hostile, hostile)
def test_any_user_text_prints_in_a_whole_offer(name, organisation, function, reason):
    from pricing.report.pdf import build_offer_pdf

    raw = read_scenario_file(ROOT / "examples" / "gemeente.yaml")  # no contract: one offer in ~0.3 s
    raw.update(name=name[:500], organisation=organisation[:500])
    raw["staff"][0]["function"] = function[:500]
    raw["deviation_reasons"] = {"overhead.pct": reason[:500]}
    try:
        result = compute(validate_scenario(raw))
    except ScenarioError:
        return  # e.g. text that is only white space: refused by validation, which is fine
    assert build_offer_pdf(result).startswith(b"%PDF")


# ---- generated scenario files (tests/fuzz_support.py; bench/fuzz.py runs the same generator 25,000 times)


@pytest.mark.fuzz
@settings(
    max_examples=examples(200),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario_files())
def test_generated_scenario_files_compute_or_are_refused_in_dutch(case):
    run_pipeline(*case)


@pytest.mark.fuzz
@settings(
    max_examples=examples(6),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario_files())
def test_generated_files_through_the_cli_exit_0_or_2_in_dutch(tmp_path_factory, case):
    import subprocess
    import sys

    data, filename = case
    path = tmp_path_factory.mktemp("cli") / filename
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "pricing", *cli_command(len(data), path)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert cli_verdict(done) is None, done.stderr.decode("utf-8", "replace")[-2000:]
