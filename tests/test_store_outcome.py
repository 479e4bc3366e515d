"""Stored versions keep what was agreed: edition and figures at save time, and the difference a
later edition makes, explained per changed parameter (real SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from pricing.costprice import compute
from pricing.parameters import PARAMETER_DIR, load_parameter_book
from pricing.scenario import read_scenario_file, validate_scenario
from pricing.store import ScenarioStore, StoreError
from pricing.store.outcome import RESIDUAL_LABEL, SALARY_GROUP, edition_stamp

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
CODE = "geheim-2026"


@pytest.fixture
def ws(store_url):
    store = ScenarioStore(store_url, access_cost=2**10)
    store.create_workspace("de-brug", "Welzijn De Brug", CODE)
    yield store.open_workspace("de-brug", CODE)
    store.dispose()


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def edition_b(tmp_path):
    """The shipped edition with a higher Zvw levy and a higher first CAO rise."""
    folder = tmp_path / "editie-b"
    shutil.copytree(PARAMETER_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))

    def zvw(data):
        values = data["parameters"]["zvw_employer"]["values"]
        for day in values:
            values[day] = round((values[day]["value"] if isinstance(values[day], dict) else values[day]) + 0.01, 4)

    def rise(data):
        data["rises"][0]["pct"] = round(data["rises"][0]["pct"] + 0.005, 4)

    _edit_yaml(folder / "employer_premiums.yaml", zvw)
    _edit_yaml(folder / "cao_salary.yaml", rise)
    return load_parameter_book(folder)


def _tariff(raw, book=None) -> float:
    book = book or load_parameter_book()
    return compute(validate_scenario(raw, book), book).team.tariff_per_hour


def test_a_version_keeps_its_figures_and_edition(ws):
    sid, saved = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    stored = ws.outcome(sid, 1)
    book = load_parameter_book()
    assert stored.edition == edition_stamp(book)
    assert stored.tariff == float(Decimal(str(_tariff(DEMO))).quantize(Decimal("0.01")))
    assert stored.result["team"]["tariff_per_hour"] == stored.tariff
    assert saved.version.tariff == stored.tariff and saved.version.edition_id == stored.edition.id
    assert ws.versions(sid)[0].tariff == stored.tariff
    assert not ws.recheck(sid, 1).differs


def test_a_version_saved_on_edition_a_shows_the_same_figures_after_edition_b_with_the_difference(ws, edition_b):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    raw = copy.deepcopy(DEMO)
    raw["staff"][0]["fte"] = 10.0
    ws.save(sid, raw, base_version=1, author="Bert", role="gemeente", round=2)
    agreed = ws.outcome(sid, 2)

    check = ws.recheck(sid, 2, edition_b)
    assert ws.outcome(sid, 2) == agreed  # the stored figures do not move
    assert check.stored.tariff == agreed.tariff
    assert check.differs and not check.same_edition
    assert check.current.tariff == pytest.approx(_tariff(raw, edition_b), abs=0.005)
    assert check.current.tariff > agreed.tariff
    keys = [step.key for step in check.steps]
    assert SALARY_GROUP in keys and "zvw_employer" in keys and RESIDUAL_LABEL not in keys
    zvw = next(step for step in check.steps if step.key == "zvw_employer")
    assert zvw.old != zvw.new and zvw.effect > 0
    assert sum(step.shown_effect for step in check.steps) == check.shown_gap
    assert sum(step.effect for step in check.steps) == pytest.approx(check.current.figures["tariff_exact"] - agreed.figures["tariff_exact"])
    text = check.summary()
    shown = lambda v: f"€ {v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")  # noqa: E731
    assert f"Opgeslagen (afgesproken) teamtarief {shown(agreed.tariff)}" in text
    assert shown(check.current.tariff) in text and "verschil" in text
    assert not ws.recheck(sid, 2).differs  # back on edition A: the same figures


def test_a_save_is_priced_with_the_edition_in_use(ws, edition_b):
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder", book=edition_b)
    assert ws.outcome(sid, 1).edition == edition_stamp(edition_b)
    assert ws.outcome(sid, 1).tariff == pytest.approx(_tariff(DEMO, edition_b), abs=0.005)
    assert ws.recheck(sid, 1).differs and not ws.recheck(sid, 1, edition_b).differs


def test_edited_stored_figures_are_reported(store_url):
    store = ScenarioStore(store_url, access_cost=2**10)
    store.create_workspace("de-brug", "De Brug", CODE)
    ws = store.open_workspace("de-brug", CODE)
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna", role="aanbieder")
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE versions SET figures = replace(figures, '\"tariff_per_hour\": ', '\"tariff_per_hour\": 1')"))
    with pytest.raises(StoreError, match="opgeslagen cijfers van versie 1 zijn beschadigd"):
        ws.outcome(sid, 1)
    store.dispose()
