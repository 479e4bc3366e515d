"""Financial-health key figures against their signalling values (docs/methode.md section 8)."""

from __future__ import annotations

import pytest
from msgspec.structs import asdict, replace

from pricing.financial_health import DEMO_ACCOUNTS, NO_SIGNAL, HealthInputError, key_figures, validate_accounts


def _report(**changes):
    return key_figures(replace(DEMO_ACCOUNTS, **changes))


def test_definitions_by_hand():
    a = validate_accounts(
        dict(
            equity=300,
            total_assets=1000,
            current_assets=600,
            current_liabilities=500,
            income=2000,
            result=-40,
            overhead_costs=410,
            hired_staff_costs=102.5,
            sick_leave_pct=0.07,
        )
    )
    r = key_figures(a)
    assert r.figure("solvency").value == pytest.approx(0.30)
    assert r.figure("current_ratio").value == pytest.approx(1.2)
    assert r.figure("resistance").value == pytest.approx(0.15)
    assert r.figure("net_margin").value == pytest.approx(-0.02)
    assert r.figure("overhead_share").value == pytest.approx(410 / 2040)  # total costs = income - result
    assert r.figure("flexible_share").value == pytest.approx(102.5 / 2040)
    assert r.figure("net_margin").light == "red"
    assert r.figure("solvency").shown == "30,0 %" and r.figure("current_ratio").shown == "1,20"


@pytest.mark.parametrize("equity,light", [(0.31, "green"), (0.30, "green"), (0.27, "orange"), (0.20, "red")])
def test_solvency_25_to_30_percent(equity, light):
    assert _report(equity=equity * DEMO_ACCOUNTS.total_assets).figure("solvency").light == light


def test_signals_and_honest_gaps():
    r = _report()
    assert r.figure("resistance").signal.text == "10-40 %"
    assert _report(equity=2_000_000, total_assets=2_600_000).figure("resistance").light == "orange"  # above 40 %
    assert _report(current_assets=1_000_000).figure("current_ratio").light == "red"
    for key in ("overhead_share", "flexible_share"):
        figure = r.figure(key)
        assert figure.signal is None and figure.light == "none" and figure.assessment == NO_SIGNAL
    assert all(f.signal.source for f in r.figures if f.signal)


def test_invalid_inputs_are_named_in_dutch():
    values = asdict(DEMO_ACCOUNTS)
    values.update(total_assets=None, overhead_costs=-1, sick_leave_pct=6.5)
    with pytest.raises(HealthInputError) as info:
        validate_accounts(values)
    assert info.value.problems == {
        "total_assets": "Balanstotaal: verwacht een getal",
        "overhead_costs": "Overheadkosten: mag niet negatief zijn",
        "sick_leave_pct": "Ziekteverzuim: verwacht een fractie van 0 tot 1 (0,065 = 6,5 %)",
    }
    assert _report(current_liabilities=0).figure("current_ratio").shown == "niet te berekenen"


def test_negative_equity_can_be_entered_and_shows_red():
    r = _report(equity=-150_000)
    assert r.figure("solvency").value < 0 and r.figure("solvency").light == "red"
    assert r.figure("resistance").light == "red"
