"""Indexation: weights, both catch-up methods, missing years, projections."""

from __future__ import annotations

import pytest

from pricing.indexation import (
    IndexationError,
    catch_up,
    indices_for_years,
    project_tariff,
    provider_index,
    weighted_index,
)
from pricing.parameters import ParameterNotCovered


def test_weighted_index_uses_the_wage_weight():
    assert weighted_index(0.05, 0.02, 0.9) == pytest.approx(0.047)
    assert weighted_index(0.05, 0.02, 1.0) == pytest.approx(0.05)


def test_catch_up_methods():
    assert catch_up(0.04753, 0.06426, "ratio") == pytest.approx(1.06426 / 1.04753 - 1)
    assert catch_up(0.04753, 0.06426, "additive") == pytest.approx(0.01673)
    with pytest.raises(IndexationError):
        catch_up(0.01, 0.02, "average")


def test_2025_additive_index_from_the_data():
    # 2025: 0.9 x 4.18 + 0.1 x 1.82 = 3.944 %; catch-up on 2024: (0.9 x 6.00 + 0.1 x 3.10) - 4.697 = 1.013 %
    index = provider_index(2025, method="additive")
    assert index.weighted_provisional == pytest.approx(0.03944)
    assert index.catch_up == pytest.approx(0.01013)
    assert index.provider_index == pytest.approx(0.04957)


def test_missing_year_names_the_parameter_and_can_be_supplied():
    with pytest.raises(ParameterNotCovered, match=r"OVA voorlopig 2026 \(--ova-provisional\).*OVA definitief 2025"):
        provider_index(2026)
    figures = {
        "ova_provisional": 0.04,
        "ppc_provisional": 0.02,
        "ova_previous_definitive": 0.045,
        "ppc_previous_definitive": 0.03,
    }
    index = provider_index(2026, figures=figures)
    expected_prev_p = 0.9 * 0.0418 + 0.1 * 0.0182
    expected_prev_d = 0.9 * 0.045 + 0.1 * 0.03
    assert index.provider_index == pytest.approx(0.038 + (1 + expected_prev_d) / (1 + expected_prev_p) - 1)
    assert set(index.user_figures) == set(figures)


def test_bad_weight_or_year_is_refused_in_dutch():
    with pytest.raises(IndexationError, match="tussen 0 en 1"):
        provider_index(2024, wage_weight=90)
    with pytest.raises(IndexationError, match="jaartal"):
        provider_index(24)


def test_projection_compounds_and_keeps_origins():
    rows = project_tariff(70.0, 2024, [(0.05, "data"), (0.03, "aanname")])
    assert [r.year for r in rows] == [2024, 2025, 2026]
    assert rows[-1].tariff == pytest.approx(70 * 1.05 * 1.03)
    assert rows[-1].source == "aanname"


def test_indices_for_years_refuses_or_labels_missing_years():
    with pytest.raises(ParameterNotCovered):
        indices_for_years([2025, 2026])
    found = indices_for_years([2025, 2026], assumed=0.03)
    assert found[0][1] == "data" and found[1] == (0.03, "aanname")


@pytest.mark.parametrize(
    "figures, fragment",
    [
        ({"ova_provisional": float("nan")}, "geen getal"),
        ({"ova_provisional": 4.94}, r"Bedoelt u 0,0494 \(4,94 %\)"),
        ({"ova_provisional": "4"}, "geen getal"),
        ({"rente": 0.01}, "Onbekend indexcijfer"),
    ],
)
def test_supplied_figures_are_checked(figures, fragment):
    with pytest.raises(IndexationError, match=fragment):
        provider_index(2024, figures=figures)


def test_weight_must_be_a_number_and_can_be_given_beyond_the_data():
    with pytest.raises(IndexationError, match="getal tussen 0 en 1"):
        provider_index(2024, wage_weight="0.9")
    all_six = {
        "ova_provisional": 0.03,
        "ppc_provisional": 0.02,
        "ova_previous_provisional": 0.03,
        "ppc_previous_provisional": 0.02,
        "ova_previous_definitive": 0.035,
        "ppc_previous_definitive": 0.02,
    }
    with pytest.raises(IndexationError, match="gewicht van de loonindex voor 2031"):
        provider_index(2031, figures=all_six)  # beyond the forecast's horizon
    # 2027: the weight comes from the edition's forecast (VNG's 90/10 carried over), and says so.
    on_forecast = provider_index(2027, figures=all_six)
    assert on_forecast.wage_weight == 0.9 and any("prognose" in s for s in on_forecast.sources)
    assert provider_index(2027, figures=all_six, wage_weight=0.9).provider_index == on_forecast.provider_index


def test_projection_refuses_nonsense():
    with pytest.raises(IndexationError):
        project_tariff(float("inf"), 2026, [])
    with pytest.raises(IndexationError):
        project_tariff(70.0, 2026, [(float("inf"), "aanname")])
