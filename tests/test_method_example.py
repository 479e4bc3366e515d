"""The worked example of the method document (docs/methode.md section 4): every amount in its
table, read from the document, follows from the figures the document states (hand arithmetic
written out here) and is what the engine computes for the same inputs, and so are the controls
below the table. A change to the model or the document that makes them disagree fails here."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pricing.costprice import compute
from pricing.method import METHOD_PATH
from pricing.scenario import validate_scenario

EXAMPLE = {
    "name": "Rekenvoorbeeld methode",
    "organisation": "Voorbeeld",
    "date": dt.date(2026, 12, 1),
    "employer": {"large": True},
    "staff": [{"function": "Sociaal werker", "scale": 8, "step": 5, "fte": 1, "contract": "permanent"}],
}


def _section_4() -> str:
    text = METHOD_PATH.read_text(encoding="utf-8")
    return text.split("\n## 4. ", 1)[1].split("\n## 5. ", 1)[0]


def _amount(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _table_row(label: str) -> float:
    """The last amount in the first table row of section 4 whose text contains ``label``."""
    for line in _section_4().splitlines():
        if line.startswith("|") and label in line:
            found = re.findall(r"(?:€ )?(\d{1,3}(?:\.\d{3})*,\d{2})", line.rsplit("|", 2)[-2])
            assert found, f"geen bedrag in de regel {line!r}"
            return _amount(found[-1])
    raise AssertionError(f"regel {label!r} staat niet in de tabel van paragraaf 4")


def _by_hand() -> dict[str, float]:
    """The example's chain by hand, from the figures the document states (sections 3 and 5)."""
    m = 24.19 * 1.035 * 1.021 * 156
    s = 12 * m * 1.0113
    vt, eju, x = 0.08 * s, 0.083 * (s + 0.08 * s), 0.001 * (s + 0.08 * s)
    ikb = vt + eju + x + 120
    lbb = 0.015 * (s + vt + eju)
    sv = s + ikb
    premiums = sv * (0.0274 + 0.0763 + 0.0152 + 0.0050 + 0.0610) + 0.00086 * sv
    s_jan = 12 * 24.19 * 1.035 * 156 * 1.0113
    base = s_jan * 1.08 * 1.083  # S + VT + EJU on the 1 January salary
    pension = 0.5 * 0.259 * (base - 17283)
    other = 0.03 * s
    p = s + ikb + lbb + premiums + pension + other
    hours = 1878 - 170 - 50.4 - 14.4 - 0.065 * 1878 - 36 - 80
    d = p / hours
    k = d * 1.25 + 4000 / hours
    t = k * 1.03
    return {
        "`M = 24,19": m,
        "`S = 12 x M x 1,0113`": s,
        "| 2 | IKB |": ikb,
        "`LBB = ": lbb,
        "premies met FCB": premiums,
        "`0,5 x 25,9 %": pension,
        "`0,03 x S`": other,
        "personeelskosten `P`": p,
        "`1.878 - 170": hours,
        "`D = P / 1.405,13`": d,
        "overhead 25 % opslag": 0.25 * d,
        "materieel `4.000": 4000 / hours,
        "kostprijs `K`": k,
        "risico en innovatie 3 %": 0.03 * k,
        "reëel tarief `T`": t,
        "prijs per FTE": t * hours,
    }


@pytest.mark.parametrize("label", list(_by_hand()))
def test_every_amount_of_the_worked_example_follows_from_the_stated_figures(label):
    assert _table_row(label) == pytest.approx(_by_hand()[label], abs=0.006)


@pytest.fixture(scope="module")
def line():
    return compute(validate_scenario(EXAMPLE)).lines[0]


@pytest.mark.parametrize(
    "label, value",
    [
        ("`M = 24,19", lambda l: l.cost.monthly_salary),
        ("`S = 12 x M x 1,0113`", lambda l: l.cost.annual_salary),
        ("| 2 | IKB |", lambda l: l.cost.ikb),
        ("`LBB = ", lambda l: l.cost.career_budget),
        ("premies met FCB", lambda l: l.cost.employer_premiums),
        ("`0,5 x 25,9 %", lambda l: l.cost.pension),
        ("`0,03 x S`", lambda l: l.cost.other_personnel),
        ("personeelskosten `P`", lambda l: l.cost.personnel_cost_per_fte),
        ("`1.878 - 170", lambda l: l.hours.productive),
        ("`D = P / 1.405,13`", lambda l: l.direct_cost_per_hour),
        ("overhead 25 % opslag", lambda l: l.overhead_per_hour),
        ("materieel `4.000", lambda l: l.material_per_hour),
        ("kostprijs `K`", lambda l: l.cost_price_per_hour),
        ("risico en innovatie 3 %", lambda l: l.risk_innovation_per_hour),
        ("reëel tarief `T`", lambda l: l.tariff_per_hour),
        ("prijs per FTE", lambda l: l.price_per_fte),
    ],
)
def test_every_amount_of_the_worked_example_is_the_engines(line, label, value):
    assert value(line) == pytest.approx(_table_row(label), abs=0.006)


def test_the_controls_below_the_table_are_the_engines():
    text = _section_4()
    share = dict(EXAMPLE, norms={"overhead": {"pct": 0.25, "convention": "share"}})
    not_primary = dict(EXAMPLE, staff=[dict(EXAMPLE["staff"][0], primary_process=False)])
    assert "**€ 75,81**" in text and "€ 70,47 per uur" in text
    assert compute(validate_scenario(share)).lines[0].tariff_per_hour == pytest.approx(75.81, abs=0.006)
    assert compute(validate_scenario(not_primary)).lines[0].tariff_per_hour == pytest.approx(70.47, abs=0.006)
