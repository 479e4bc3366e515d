"""Health of the parameter data, and the loader's refusals (PolicyEngine-style code-health tests)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pricing.costprice import _RATE_PARAMETERS
from pricing.parameters import (
    PARAMETER_DIR,
    STATUSES,
    ParameterFileError,
    ParameterNotCovered,
    load_parameter_book,
)

BOOK = load_parameter_book()
YEARS_OFFERED = (2024, 2025, 2026)

# DOMAIN.md marks these figures [A]; the data must say so, so the app can label them "aanname".
ASSUMPTIONS = {
    "public_holiday_hours", "sick_pct", "training_hours", "meeting_hours", "client_bound_share",
    "other_personnel_pct", "overhead_pct", "material_per_fte", "risk_pct", "innovation_pct",
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
            f"{value.file}: '{name}' is an assumption in DOMAIN.md; set status: assumption"
        )


def test_derived_and_assumed_pension_values_are_flagged_as_in_domain():
    assert BOOK.get("franchise", dt.date(2025, 6, 1)).status == "derived"
    assert BOOK.get("op_np_total", dt.date(2025, 6, 1)).status == "assumption"
    assert BOOK.get("op_np_total", dt.date(2026, 6, 1)).status == "sourced"


@pytest.mark.parametrize("year", YEARS_OFFERED)
@pytest.mark.parametrize("name", sorted(set(_RATE_PARAMETERS.values())))
def test_every_rate_the_chain_uses_is_covered_for_every_offered_year(name, year):
    for month in (1, 7, 12):
        value = BOOK.get(name, dt.date(year, month, 1))
        assert value.value is not None


@pytest.mark.parametrize("year", YEARS_OFFERED)
def test_premiums_are_the_years_own_values_not_a_reused_year(year):
    # Each premium year is in the data: the lookup for a date in that year must return that year.
    for name in ("awf_permanent", "aof_large", "whk", "zvw_employer", "max_premium_wage"):
        assert BOOK.get(name, dt.date(year, 8, 1)).effective.year == year


def test_salary_table_is_covered_from_its_date_to_the_end_of_2026():
    table = BOOK.salary
    assert table.lookup(8, 5, dt.date(2024, 7, 1), 156).hourly == pytest.approx(24.19)
    assert table.lookup(8, 5, dt.date(2026, 12, 31), 156).factor == pytest.approx(1.035 * 1.021)
    with pytest.raises(ParameterNotCovered, match="cao_salary.yaml"):
        table.lookup(8, 5, dt.date(2027, 1, 1), 156)
    with pytest.raises(ParameterNotCovered, match="eigen maandsalaris"):
        table.lookup(8, 5, dt.date(2024, 6, 30), 156)


def test_unknown_table_cells_are_reported_not_extrapolated():
    table = BOOK.salary
    assert table.scales[14][table.steps.index("8")] is None
    with pytest.raises(LookupError, match="onbekend"):
        table.lookup(14, 8, dt.date(2025, 1, 1), 156)
    assert not table.has_step(9)


def test_all_scales_share_one_ladder():
    # DOMAIN 4.1: 22.34 is scale 6 step 8, scale 7 step 5 and scale 8 step 2.
    t = BOOK.salary
    assert t.scales[6][t.steps.index("8")] == t.scales[7][t.steps.index("5")] == t.scales[8][t.steps.index("2")] == 22.34


def test_uncertain_rise_date_warns_in_the_window():
    lookup = BOOK.salary.lookup(8, 5, dt.date(2025, 11, 15), 156)
    assert lookup.factor == pytest.approx(1.035)
    assert lookup.warnings and "2,1 %" in lookup.warnings[0]
    assert not BOOK.salary.lookup(8, 5, dt.date(2025, 9, 1), 156).warnings


def test_lookup_beyond_coverage_names_parameter_and_file():
    with pytest.raises(ParameterNotCovered) as info:
        BOOK.get("zvw_employer", dt.date(2027, 3, 1))
    message = str(info.value)
    assert "zvw_employer" in message and "employer_premiums.yaml" in message and "1 maart 2027" in message
    with pytest.raises(ParameterNotCovered, match="max_pensionable_salary"):
        BOOK.get("max_pensionable_salary", dt.date(2023, 6, 1))


# ---- the loader refuses bad files ------------------------------------------------------------


@pytest.fixture
def param_dir(tmp_path: Path) -> Path:
    target = tmp_path / "parameters"
    shutil.copytree(PARAMETER_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copied_folder_loads(param_dir):
    assert load_parameter_book(param_dir).value("whk", dt.date(2025, 1, 1)) == 0.0133


def test_duplicate_key_is_refused(param_dir):
    _edit(param_dir / "employer_premiums.yaml", "      2025-01-01: 0.0133\n", "      2025-01-01: 0.0133\n      2025-01-01: 0.0140\n")
    with pytest.raises(ParameterFileError, match="employer_premiums.yaml: dubbele sleutel"):
        load_parameter_book(param_dir)


def test_impossible_date_is_refused(param_dir):
    _edit(param_dir / "employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-13-01: 0.0133")
    with pytest.raises(ParameterFileError, match="employer_premiums.yaml"):
        load_parameter_book(param_dir)


def test_unknown_key_is_refused(param_dir):
    _edit(param_dir / "working_hours.yaml", "    unit: hours_per_year\n", "    unit: hours_per_year\n    colour: blue\n")
    with pytest.raises(ParameterFileError, match="onbekende sleutel.*colour"):
        load_parameter_book(param_dir)


def test_missing_source_is_refused(param_dir):
    path = param_dir / "cost_defaults.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    reference: *dom\n", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterFileError, match="reference"):
        load_parameter_book(param_dir)


def test_non_numeric_value_is_refused(param_dir):
    _edit(param_dir / "employer_premiums.yaml", "      2025-01-01: 0.0133", "      2025-01-01: .nan")
    with pytest.raises(ParameterFileError, match="geen eindig getal"):
        load_parameter_book(param_dir)


def test_salary_row_of_wrong_length_is_refused(param_dir):
    _edit(param_dir / "cao_salary.yaml", "    1:  [14.00, 14.17, ", "    1:  [14.17, ")
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
