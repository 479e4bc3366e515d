"""Parameter editions: name, date, fingerprint, loading a folder or one bundle file, strict refusal."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pricing.costprice import compute
from pricing.parameters import (
    PARAMETER_DIR,
    ParameterFileError,
    edition_bundle_text,
    load_edition_bytes,
    load_parameter_book,
)
from pricing.scenario import load_scenario
from tests.cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tests" / "fixtures" / "organisation.yaml"
SHIPPED = load_parameter_book()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_edition_is_named_dated_and_fingerprinted():
    e = SHIPPED.edition
    assert e.id == "2026-12" and e.title == "editie december 2026" and e.published == dt.date(2026, 12, 1)
    assert len(e.fingerprint) == 64 and int(e.fingerprint, 16) >= 0
    assert e.changelog and all(c.parameter and c.change and c.source for c in e.changelog)
    assert e.as_json() == {"id": "2026-12", "published": "2026-12-01", "fingerprint": e.fingerprint}


def test_a_copied_folder_has_the_same_fingerprint(param_dir):
    assert load_parameter_book(param_dir).edition.fingerprint == SHIPPED.edition.fingerprint


@pytest.mark.parametrize(
    "file, old, new",
    [
        # comments, spacing, number spelling and key order are formatting, not data
        ("employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-01-01: 0.013300   # zelfde waarde"),
        ("working_hours.yaml", "    unit: hours_per_year\n", "    unit:   hours_per_year\n"),
        ("pension.yaml", "      2024-01-01: 15816", "      2024-01-01: 15816.0"),
        ("edition.yaml", "title: editie december 2026", "title: editie december 2026 (herzien)"),
    ],
)
def test_formatting_and_edition_notes_do_not_change_the_fingerprint(param_dir, file, old, new):
    _edit(param_dir / file, old, new)
    assert load_parameter_book(param_dir).edition.fingerprint == SHIPPED.edition.fingerprint


def test_reordered_keys_do_not_change_the_fingerprint(param_dir):
    path = param_dir / "cost_defaults.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["parameters"] = dict(reversed(list(raw["parameters"].items())))
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_parameter_book(param_dir).edition.fingerprint == SHIPPED.edition.fingerprint


@pytest.mark.parametrize(
    "file, old, new",
    [
        ("employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-01-01: 0.0134"),
        ("pension.yaml", "      2024-01-01: 15816", "      2024-01-01: 15817"),
        ("cao_salary.yaml", "    1:  [14.00,", "    1:  [14.01,"),
        ("forecast.yaml", "  pct: 0.031", "  pct: 0.030"),
        ("forecast.yaml", "horizon: 2030-12-31", "horizon: 2029-12-31"),
        ("working_hours.yaml", "covered_until: 2026-12-31", "covered_until: 2026-12-30"),
    ],
)
def test_any_changed_value_changes_the_fingerprint(param_dir, file, old, new):
    _edit(param_dir / file, old, new)
    assert load_parameter_book(param_dir).edition.fingerprint != SHIPPED.edition.fingerprint


def test_a_bundle_file_is_the_same_edition_as_its_folder(tmp_path):
    bundle = tmp_path / "editie.yaml"
    bundle.write_text(edition_bundle_text(), encoding="utf-8")
    book = load_parameter_book(bundle)
    assert book.edition.fingerprint == SHIPPED.edition.fingerprint and book.edition.id == "2026-12"
    assert book.value("whk", dt.date(2025, 1, 1)) == SHIPPED.value("whk", dt.date(2025, 1, 1))


def _bundle(**changes) -> dict:
    raw = yaml.load(edition_bundle_text(), Loader=yaml.SafeLoader)
    for name, change in changes.items():
        change(raw[name.replace("__", ".")] if "__" in name else raw)
    return raw


def _refused(raw: dict, *fragments: str) -> str:
    data = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False).encode()
    with pytest.raises(ParameterFileError) as info:
        load_edition_bytes(data, "mijn-editie.yaml")
    message = str(info.value)
    assert message.startswith("mijn-editie.yaml"), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_a_bundle_with_a_bad_value_names_bundle_file_key_and_problem():
    def bad(raw):
        raw["employer_premiums.yaml"]["parameters"]["whk"]["values"][dt.date(2025, 1, 1)] = "veel"

    _refused(_bundle(x=bad), "employer_premiums.yaml", "'whk'", "geen eindig getal")


@pytest.mark.parametrize(
    "change, fragments",
    [
        (lambda raw: raw.pop("edition.yaml"), ("edition.yaml ontbreekt",)),
        (lambda raw: raw["edition.yaml"].update(id=202612), ("edition.yaml", "id", "aanhalingstekens")),
        (lambda raw: raw["edition.yaml"].pop("published"), ("edition.yaml", "'published' ontbreekt")),
        (
            lambda raw: raw["edition.yaml"]["changelog"].append({"parameter": "whk", "change": "x"}),
            ("changelog[", "].source", "niet-lege tekst"),
        ),
        (
            lambda raw: raw["forecast.yaml"]["parameters"]["whk"].pop("reasoning"),
            ("forecast.yaml", "'whk'", "toelichting"),
        ),
        (
            lambda raw: raw["forecast.yaml"]["parameters"].update(onbekend={"reasoning": "x"}),
            ("forecast.yaml", "'onbekend'", "bestaat niet"),
        ),
        (lambda raw: raw["forecast.yaml"]["cao_rise"].update(pct=3.1), ("cao_rise", "tussen 0 en 0,2")),
        (
            lambda raw: raw["forecast.yaml"]["cao_rise"].update(first=dt.date(2025, 1, 1)),
            ("cao_rise", "first", "na de laatst afgesproken"),
        ),
        (lambda raw: raw.pop("pension.yaml"), ("mist parameter", "op_np_total")),
    ],
)
def test_a_malformed_edition_is_refused_in_dutch(change, fragments):
    raw = _bundle()
    change(raw)
    _refused(raw, *fragments)


def test_a_file_that_is_not_a_bundle_is_refused():
    with pytest.raises(ParameterFileError, match="mapping van bestandsnaam naar inhoud"):
        load_edition_bytes(b"name: scenario\ndate: 2026-01-01\n", "scenario.yaml")
    with pytest.raises(ParameterFileError, match="geen geldige YAML"):
        load_edition_bytes(b"edition.yaml: [\n", "kapot.yaml")


def test_the_parsed_data_cache_is_invalidated_by_any_changed_byte(param_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("REELE_PRIJS_CACHE_DIR", str(tmp_path / "cache"))
    first = load_parameter_book(param_dir)
    assert list((tmp_path / "cache").glob("edition-*.json")), "the parsed data is cached"
    cached = load_parameter_book(param_dir)
    assert cached.edition.fingerprint == first.edition.fingerprint
    monkeypatch.setenv("REELE_PRIJS_CACHE_DIR", "off")
    fresh = load_parameter_book(param_dir)  # the YAML parsed again: the cache changes nothing
    assert cached.parameters == fresh.parameters and cached.salary == fresh.salary and cached.forecast == fresh.forecast
    monkeypatch.setenv("REELE_PRIJS_CACHE_DIR", str(tmp_path / "cache"))
    _edit(param_dir / "employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-01-01: 0.0135")
    again = load_parameter_book(param_dir)
    assert again.value("whk", dt.date(2025, 6, 1)) == 0.0135
    assert again.edition.fingerprint != first.edition.fingerprint


def test_a_result_names_its_edition():
    result = compute(load_scenario(DEMO))
    assert result.book.edition.fingerprint == SHIPPED.edition.fingerprint


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "pricing", *args], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_cli_json_carries_the_edition_and_parameters_loads_another(tmp_path):
    """In-process (tests/cli_support.py): what --parameters prints, five commands; the process
    runs in the next test."""
    done = run_cli("costprice", str(DEMO), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["parameters_edition"] == SHIPPED.edition.as_json()
    raw = _bundle()
    raw["edition.yaml"]["id"] = "test-1"
    raw["employer_premiums.yaml"]["parameters"]["zvw_employer"]["values"][dt.date(2026, 1, 1)] = 0.07
    other = tmp_path / "andere-editie.yaml"
    other.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    done2 = run_cli("costprice", str(DEMO), "--json", "--parameters", str(other))
    assert done2.returncode == 0, done2.stderr
    doc = json.loads(done2.stdout)
    assert doc["parameters_edition"]["id"] == "test-1"
    assert doc["parameters_edition"]["fingerprint"] != SHIPPED.edition.fingerprint
    assert doc["team"]["tariff_per_hour"] > json.loads(done.stdout)["team"]["tariff_per_hour"]
    for command in (
        ("check", str(DEMO), "--tariff", "70", "--json"),
        ("index", "--year", "2024", "--json"),
        ("budget", str(ROOT / "examples" / "voorbeeld.yaml"), "--json"),
    ):
        done3 = run_cli(*command, "--parameters", str(other))
        assert done3.returncode == 0, done3.stderr
        assert json.loads(done3.stdout)["parameters_edition"]["id"] == "test-1"


def test_cli_refuses_a_malformed_edition_in_dutch_without_traceback(tmp_path):
    raw = _bundle()
    raw["forecast.yaml"]["cao_rise"]["pct"] = "veel"
    bad = tmp_path / "kapot.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    done = cli("costprice", str(DEMO), "--parameters", str(bad))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "kapot.yaml" in done.stderr and "cao_rise" in done.stderr and "geen eindig getal" in done.stderr


def test_the_files_of_a_folder_load_as_one_edition_and_a_missing_file_is_named():
    from pricing.parameters import load_edition_files

    files = {path.name: path.read_bytes() for path in sorted(PARAMETER_DIR.glob("*.yaml"))}
    book = load_edition_files(files)
    assert book.edition.fingerprint == SHIPPED.edition.fingerprint
    files.pop("edition.yaml")
    with pytest.raises(ParameterFileError, match="edition.yaml ontbreekt"):
        load_edition_files(files)
    with pytest.raises(ParameterFileError, match="notities.txt: een parameterbestand eindigt op .yaml"):
        load_edition_files({**files, "notities.txt": b"x"})


@pytest.mark.parametrize(
    "file, old, new, where",
    [
        ("edition.yaml", "title: editie december 2026", 'title: "editie\\x1b[31m december 2026"', "title"),
        ("edition.yaml", "title: editie december 2026", 'title: editie december 2026\n"x\\x07": 1', "x\\x07"),
    ],
)
def test_a_control_character_in_an_edition_is_refused_naming_file_and_key(param_dir, file, old, new, where):
    # Written as an escape it reached the terminal after "Bron:", the offer PDF and the xlsx.
    _edit(param_dir / file, old, new)
    done = run_cli("costprice", str(DEMO), "--parameters", str(param_dir))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{file}: {where}: bevat op teken" in done.stderr and "onzichtbaar stuurteken" in done.stderr, done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
