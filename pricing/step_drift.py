"""Step drift over the contract years (CAO Sociaal Werk art. 6.5).

Every employee below the scale maximum rises one step each 1 January (art. 6.5 A-C), and from
1 January 2025 past the maximum to U1 and then U2 (art. 6.5 D). A multi-year budget applies this
per staff line: the price per FTE of a function in a contract year is its price at the step the
line has reached by then, at the scenario's own date and parameters (so the drift is separate from
indexation, which the contract applies on top). Where a scale's maximum is not known (scales 6-14
above step 8), drift stops at step 8 with a warning. A line with its own salary keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec.structs import replace

from pricing.record import Record

if TYPE_CHECKING:
    from pricing.costprice import CostPriceResult
    from pricing.parameters import ParameterBook, SalaryTable


class StepDrift(Record, frozen=True):
    """Per function, the factor on its base-year price per FTE in each contract year."""

    factors: dict[str, tuple[float, ...]]
    warnings: tuple[str, ...]


def steps_reached(table: SalaryTable, scale: int, step: str, years: int) -> tuple[str, bool]:
    """The step after ``years`` yearly step dates, and whether drift stopped at an unknown maximum."""
    current = str(step)
    for _ in range(years):
        following = table.next_step(scale, current)
        if following is None:
            return current, table.scale_steps(scale) is None
        current = following
    return current, False


def step_drift(
    result: CostPriceResult, contract_years: tuple[int, ...], book: ParameterBook | None = None
) -> StepDrift:
    """Drift factors per function for each contract year (1.0 where nothing drifts)."""
    scenario = result.scenario
    book = book or result.book
    assert book is not None  # compute() records the book a result was priced with
    table = book.salary
    base_year = scenario.date.year
    base_budget: dict[str, float] = {}
    for line in result.lines:
        base_budget[line.function] = base_budget.get(line.function, 0.0) + line.budget
    factors: dict[str, list[float]] = {f: [] for f in base_budget}
    stopped: set[str] = set()
    for year in contract_years:
        dates_passed = max(year - base_year, 0)
        staff = []
        for staff_line in scenario.staff:
            if staff_line.monthly_salary is not None or dates_passed == 0:
                staff.append(staff_line)
                continue
            reached, unknown = steps_reached(table, staff_line.scale, staff_line.step, dates_passed)
            if unknown:
                stopped.add(f"{staff_line.function} (schaal {staff_line.scale})")
            staff.append(replace(staff_line, step=reached))
        if dates_passed == 0 or staff == list(scenario.staff):
            for f in factors:
                factors[f].append(1.0)
            continue
        moved = result.with_staff(tuple(staff))
        budget: dict[str, float] = {}
        for line in moved.lines:
            budget[line.function] = budget.get(line.function, 0.0) + line.budget
        for f in factors:
            factors[f].append(budget[f] / base_budget[f] if base_budget[f] else 1.0)
    warnings = []
    if stopped:
        warnings.append(
            "Tredeverhoging (cao art. 6.5): het maximum van de schaal is niet bekend voor "
            + ", ".join(sorted(stopped))
            + "; de begroting laat deze regels op trede 8 staan. "
            "Geef een eigen maandsalaris op als het werkelijke verloop anders is."
        )
    return StepDrift({f: tuple(v) for f, v in factors.items()}, tuple(warnings))
