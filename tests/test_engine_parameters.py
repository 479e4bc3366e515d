"""Health of the parameter data, and the loader's refusals (PolicyEngine-style code-health tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pricing.costprice import RATE_PARAMETERS
from pricing.parameters import (
    STATUSES,
    ParameterFileError,
    ParameterNotCovered,
    load_parameter_book,
)

BOOK = load_parameter_book()
YEARS_OFFERED = (2024, 2025, 2026)

# The method (docs/methode.md section 5.6) lists these figures as assumptions; the data must say so, so the app can label them "aanname".
ASSUMPTIONS = {
    "vitality_hours_default",
    "sick_pct",
    "training_hours",
    "meeting_hours",
    "client_bound_share",
    "other_personnel_pct",
    "overhead_pct",
    "material_per_fte",
    "risk_pct",
    "innovation_pct",
    "wia_excedent_employer_share",
}


@pytest.mark.parametrize("name", sorted(BOOK.parameters))
def test_every_parameter_has_description_unit_and_source(name):
    parameter = BOOK.parameters[name]
    assert parameter.description.strip(), f"{parameter.file}: '{name}' needs a description"
    for value in parameter.values:
        assert value.status in STATUSES
        assert value.references and all(r.title for r in value.references), (
            f"{parameter.file}: '{name}' on {value.effective} needs a reference with a title"
        )


@pytest.mark.parametrize("name", sorted(ASSUMPTIONS))
def test_domain_assumptions_are_flagged(name):
    for value in BOOK.parameters[name].values:
        assert value.status == "assumption", (
            f"{value.file}: '{name}' is an assumption of the model (docs/methode.md section 5.6); set status: assumption"
        )


def test_derived_and_assumed_pension_values_are_flagged_as_in_domain():
    assert BOOK.get("franchise", dt.date(2025, 6, 1)).status == "derived"
    assert BOOK.get("op_np_total", dt.date(2025, 6, 1)).status == "assumption"
    assert BOOK.get("op_np_total", dt.date(2026, 6, 1)).status == "sourced"


@pytest.mark.parametrize("year", YEARS_OFFERED)
@pytest.mark.parametrize("name", sorted(set(RATE_PARAMETERS.values())))
def test_every_rate_the_chain_uses_is_covered_for_every_offered_year(name, year):
    for month in (1, 7, 12):
        value = BOOK.get(name, dt.date(year, month, 1))
        assert value.value is not None


@pytest.mark.parametrize("year", YEARS_OFFERED)
def test_premiums_are_the_years_own_values_not_a_reused_year(year):
    # Each premium year is in the data: the lookup for a date in that year must return that year.
    for name in ("awf_permanent", "aof_large", "whk", "zvw_employer", "max_premium_wage"):
        assert BOOK.get(name, dt.date(year, 8, 1)).effective.year == year


def test_salary_table_is_covered_from_1_january_2024_to_the_end_of_the_cao():
    table = BOOK.salary
    assert table.lookup(8, 5, dt.date(2024, 7, 1), 156).hourly == pytest.approx(24.19)
    # The 1 January 2024 table is the 1 July 2024 table / 1.04 (docs/methode.md section 5.1).
    assert table.lookup(8, 5, dt.date(2024, 6, 30), 156).hourly == pytest.approx(24.19 / 1.04)
    assert table.lookup(8, 5, dt.date(2024, 1, 1), 156).factor == pytest.approx(1 / 1.04)
    assert table.lookup(8, 5, dt.date(2026, 12, 31), 156).factor == pytest.approx(1.035 * 1.021)
    # After the CAO's term (to 31 May 2027) the edition's forecast applies from 1 June 2027.
    assert table.lookup(8, 5, dt.date(2027, 5, 31), 156).factor == pytest.approx(1.035 * 1.021)
    assert not any(r.forecast for r in table.lookup(8, 5, dt.date(2027, 5, 31), 156).rises)
    assert table.lookup(8, 5, dt.date(2027, 6, 1), 156).rises[-1].forecast
    with pytest.raises(ParameterNotCovered, match="cao_salary.*31 december 2030"):
        table.lookup(8, 5, dt.date(2031, 1, 1), 156)
    with pytest.raises(ParameterNotCovered, match="eigen maandsalaris"):
        table.lookup(8, 5, dt.date(2023, 12, 31), 156)


def test_unknown_table_cells_are_reported_not_extrapolated():
    table = BOOK.salary
    assert table.scales[14][table.steps.index("8")] is None
    with pytest.raises(LookupError, match="onbekend"):
        table.lookup(14, 8, dt.date(2025, 1, 1), 156)
    # Above step 8 only scales 1-5 are known (the shared ladder); scales 6-14 stay unknown.
    with pytest.raises(LookupError, match="onbekend"):
        table.lookup(6, 9, dt.date(2025, 1, 1), 156)
    with pytest.raises(LookupError, match="loopt tot trede 9"):
        table.lookup(1, 11, dt.date(2025, 1, 1), 156)


def test_all_scales_share_one_ladder():
    # docs/methode.md section 5.1: 22.34 is scale 6 step 8, scale 7 step 5 and scale 8 step 2.
    t = BOOK.salary
    assert (
        t.scales[6][t.steps.index("8")] == t.scales[7][t.steps.index("5")] == t.scales[8][t.steps.index("2")] == 22.34
    )


def test_steps_above_8_of_scales_1_to_5_are_the_next_rungs_of_the_ladder_and_marked_derived():
    table = BOOK.salary
    # docs/methode.md section 5.1: scale 5 step 9 20.89, 10 21.44, 11 21.85 (the ORT cap), 12 22.34, 13 22.77, U1 23.63, U2 24.19.
    expected = {"9": 20.89, "10": 21.44, "11": 21.85, "12": 22.34, "13": 22.77, "U1": 23.63, "U2": 24.19}
    for step, hourly in expected.items():
        found = table.lookup(5, step, dt.date(2024, 7, 1), 156)
        assert found.hourly == pytest.approx(hourly) and found.status == "derived", step
    assert table.lookup(5, 8, dt.date(2024, 7, 1), 156).status == "sourced"
    # The ladder: every cell from step 0 to step 8 (the "start" cells lie off the ladder).
    ladder = sorted({c for row in table.scales.values() for c in row[1:10] if c is not None})
    for scale, top in {1: 9, 2: 10, 3: 11, 4: 11, 5: 13}.items():
        assert table.maxima[scale] == top
        steps = table.scale_steps(scale)
        assert steps[-3:] == (str(top), "U1", "U2")
        cells = [table.scales[scale][table.steps.index(s)] for s in steps]
        # Each step above 8 is the next rung after the one before it.
        for before, after in zip(cells[9:], cells[10:]):
            assert ladder.index(after) == ladder.index(before) + 1, (scale, before, after)
    assert table.next_step(5, "13") == "U1" and table.next_step(5, "U2") is None
    assert table.next_step(8, "7") == "8" and table.next_step(8, "8") is None  # maximum unknown


def test_rise_dates_follow_the_cao_2025_2027():
    # 3.5 % from 1 October 2025; 2.1 % from 1 October 2026 (FNV), not from 1 January 2026.
    assert BOOK.salary.lookup(8, 5, dt.date(2025, 9, 30), 156).factor == pytest.approx(1.0)
    assert BOOK.salary.lookup(8, 5, dt.date(2025, 10, 1), 156).factor == pytest.approx(1.035)
    assert BOOK.salary.lookup(8, 5, dt.date(2026, 9, 30), 156).factor == pytest.approx(1.035)
    assert BOOK.salary.lookup(8, 5, dt.date(2026, 10, 1), 156).factor == pytest.approx(1.035 * 1.021)
    assert not BOOK.salary.lookup(8, 5, dt.date(2025, 11, 15), 156).warnings


def test_uncertain_rise_date_warns_in_the_window(param_dir):
    path = param_dir / "cao_salary.yaml"
    _edit(
        path,
        "  - effective: 2026-10-01\n    pct: 0.021\n",
        "  - effective: 2026-10-01\n    pct: 0.021\n    uncertain_from: 2026-07-01\n",
    )
    table = load_parameter_book(param_dir).salary
    lookup = table.lookup(8, 5, dt.date(2026, 8, 15), 156)
    assert lookup.factor == pytest.approx(1.035)
    assert lookup.warnings and "2,1 %" in lookup.warnings[0]
    assert not table.lookup(8, 5, dt.date(2026, 6, 1), 156).warnings


def test_lookup_beyond_coverage_is_the_forecast_and_beyond_the_forecast_refused():
    found = BOOK.get("zvw_employer", dt.date(2027, 3, 1))
    assert found.forecast and found.status == "assumption" and found.note
    assert found.value == BOOK.get("zvw_employer", dt.date(2026, 12, 31)).value  # carried over
    with pytest.raises(ParameterNotCovered) as info:
        BOOK.get("zvw_employer", dt.date(2031, 3, 1))
    message = str(info.value)
    assert "zvw_employer" in message and "1 maart 2031" in message and "prognose" in message
    assert "pricing/parameters" not in message
    with pytest.raises(ParameterNotCovered, match="max_pensionable_salary"):
        BOOK.get("max_pensionable_salary", dt.date(2023, 6, 1))


# ---- the loader refuses bad files ------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copied_folder_loads(param_dir):
    assert load_parameter_book(param_dir).value("whk", dt.date(2025, 1, 1)) == 0.0133


def test_duplicate_key_is_refused(param_dir):
    _edit(
        param_dir / "employer_premiums.yaml",
        "      2025-01-01: 0.0133\n",
        "      2025-01-01: 0.0133\n      2025-01-01: 0.0140\n",
    )
    with pytest.raises(ParameterFileError, match="employer_premiums.yaml: dubbele sleutel"):
        load_parameter_book(param_dir)


def test_impossible_date_is_refused(param_dir):
    _edit(param_dir / "employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-13-01: 0.0133")
    with pytest.raises(ParameterFileError, match="employer_premiums.yaml"):
        load_parameter_book(param_dir)


def test_unknown_key_is_refused(param_dir):
    _edit(
        param_dir / "working_hours.yaml", "    unit: hours_per_year\n", "    unit: hours_per_year\n    colour: blue\n"
    )
    with pytest.raises(ParameterFileError, match="onbekende sleutel.*colour"):
        load_parameter_book(param_dir)


def test_missing_source_is_refused(param_dir):
    path = param_dir / "cost_defaults.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    reference:\n")
    end = text.index("    covered_until:", start)
    assert "risk" not in text[start:end]  # only the first parameter's reference goes
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ParameterFileError, match="reference"):
        load_parameter_book(param_dir)


def test_non_numeric_value_is_refused(param_dir):
    _edit(param_dir / "employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-01-01: .nan")
    with pytest.raises(ParameterFileError, match="geen eindig getal"):
        load_parameter_book(param_dir)


def test_salary_row_of_wrong_length_is_refused(param_dir):
    _edit(
        param_dir / "cao_salary.yaml", "    1:  [14.00, 14.17, ", "    1:  [14.17, "
    )  # the table row, not above_step_8
    with pytest.raises(ParameterFileError, match="schaal 1 heeft 9 bedragen"):
        load_parameter_book(param_dir)


def test_same_parameter_in_two_files_is_refused(param_dir):
    extra = param_dir / "extra.yaml"
    extra.write_text(
        "description: x\nparameters:\n  whk:\n    description: d\n    unit: fraction\n    status: sourced\n"
        "    reference: [{title: t, href: h}]\n    covered_until: 2026-12-31\n    values:\n      2024-01-01: 0.01\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterFileError, match="staat ook in"):
        load_parameter_book(param_dir)


# ---- every figure of docs/methode.md sections 5.1-5.4, transcribed here independently of the YAML files ----------

TABLE_5_1 = """
start 14.00 14.19 14.53 15.58 15.99 17.78 19.40 21.04 22.37 24.37 26.10 28.53 31.46 33.61
0     14.17 14.51 14.85 15.93 16.32 18.13 19.78 21.44 22.77 24.80 26.54 28.99 31.94 34.12
1     14.51 14.85 15.22 16.32 16.73 18.64 20.38 21.85 23.63 25.44 27.10 29.97 32.97 35.33
2     14.85 15.22 15.57 16.73 17.12 19.24 20.89 22.34 24.19 25.97 28.02 30.96 34.12 36.55
3     15.22 15.57 15.93 17.12 17.54 19.78 21.44 22.77 24.80 26.54 28.99 31.94 35.33 37.85
4     15.57 15.93 16.32 17.54 18.13 20.38 21.85 23.63 25.44 27.10 29.97 32.97 36.55 39.15
5     15.93 16.32 16.73 18.13 18.64 20.89 22.34 24.19 25.97 28.02 30.96 34.12 37.85 40.53
6     16.32 16.73 17.12 18.64 19.24 21.44 22.77 24.80 26.54 28.99 31.94 35.33 39.15 41.98
7     16.73 17.12 17.54 19.24 19.78 21.85 23.63 25.44 27.10 29.97 32.97 36.55 40.53 43.46
8     17.12 17.54 18.13 19.78 20.38 22.34 24.19 25.97 28.02 30.96 34.12 37.85 41.98   ?
"""


def test_salary_table_matches_domain_cell_by_cell():
    table = BOOK.salary
    for row in TABLE_5_1.strip().splitlines():
        step, *cells = row.split()
        for scale, cell in enumerate(cells, start=1):
            stored = table.scales[scale][table.steps.index(step)]
            assert stored == (None if cell == "?" else float(cell)), f"scale {scale} step {step}"


# (parameter, year) -> value, from the tables of docs/methode.md sections 5.2 (PFZW) and 5.3 (premiums).
TABLES_5_2_5_3 = {
    "op_np_total": {2022: 0.258, 2023: 0.258, 2024: 0.258, 2025: 0.258, 2026: 0.259},
    "franchise": {2022: 13343, 2023: 14714, 2024: 15816, 2025: 16657, 2026: 17283},
    "ap_premium": {2022: 0.005, 2023: 0.005, 2024: 0.005, 2025: 0.005, 2026: 0.0},
    "ap_franchise": {2022: 22356, 2023: 25069, 2024: 26819, 2025: 26819},
    "wia_excedent_premium": {2026: 0.034},
    "wia_excedent_threshold": {2026: 79409},
    "max_pensionable_salary": {2024: 137800, 2025: 137800, 2026: 137800},
    "awf_permanent": {2024: 0.0264, 2025: 0.0274, 2026: 0.0274},
    "awf_flexible": {2024: 0.0764, 2025: 0.0774, 2026: 0.0774},
    "aof_large": {2024: 0.0754, 2025: 0.0764, 2026: 0.0763},
    "aof_small": {2024: 0.0618, 2025: 0.0628, 2026: 0.0627},
    "whk": {2024: 0.0153, 2025: 0.0133, 2026: 0.0152},
    "childcare_levy": {2024: 0.005, 2025: 0.005, 2026: 0.005},
    "zvw_employer": {2024: 0.0657, 2025: 0.0651, 2026: 0.0610},
    "max_premium_wage": {2024: 71628, 2025: 75864, 2026: 79409},
    "ova_provisional": {2022: 0.0387, 2023: 0.0474, 2024: 0.0494, 2025: 0.0418},
    "ova_definitive": {2023: 0.0636, 2024: 0.0600},
    "ppc_provisional": {2022: 0.0183, 2023: 0.0487, 2024: 0.0251, 2025: 0.0182},
    "ppc_definitive": {2022: 0.0925, 2023: 0.0702, 2024: 0.0310},
    "cpi": {2019: 0.026, 2020: 0.013, 2021: 0.027, 2022: 0.100, 2023: 0.038, 2024: 0.033, 2025: 0.033},
    "vng_provider_index": {2024: 0.0630, 2025: 0.0491},
    "max_annual_premium": {2025: 31255, 2026: 31214},
    "labour_market_allowance_pct": {2022: 0.0113},
}


def test_statutory_minimum_wage_per_hour_matches_domain():
    assert BOOK.get("statutory_minimum_wage_hourly", dt.date(2025, 7, 1)).value == 14.40
    assert BOOK.get("statutory_minimum_wage_hourly", dt.date(2026, 1, 1)).value == 14.71
    assert BOOK.get("statutory_minimum_wage_hourly", dt.date(2026, 8, 1)).status == "assumption"


def test_pfzw_maximum_premium_matches_rate_franchise_and_maximum_salary():
    # PFZW publishes the maximum annual OP/NP premium at the maximum pensionable salary; the premium
    # rate and the franchise must reproduce it (2025: the franchise is derived from it).
    for year in (2025, 2026):
        on = dt.date(year, 6, 1)
        premium = BOOK.value("op_np_total", on) * (
            BOOK.value("max_pensionable_salary", on) - BOOK.value("franchise", on)
        )
        assert premium == pytest.approx(BOOK.value("max_annual_premium", on), abs=1.0), year


@pytest.mark.parametrize("name", sorted(TABLES_5_2_5_3))
def test_parameter_values_match_domain(name):
    for year, expected in TABLES_5_2_5_3[name].items():
        value = BOOK.get(name, dt.date(year, 6, 1))
        assert value.value == pytest.approx(expected, abs=1e-12), f"{name} {year}"
        assert value.effective.year == year or name in ("max_pensionable_salary", "labour_market_allowance_pct"), (
            f"{name} {year} reuses {value.effective.year}"
        )


def test_fractions_are_fractions():
    for name, parameter in BOOK.parameters.items():
        if parameter.unit == "fraction":
            for value in parameter.values:
                assert 0 <= value.value <= 1, (
                    f"{parameter.file}: '{name}' = {value.value} is not a fraction (0.25 = 25 %)"
                )
