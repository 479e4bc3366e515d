"""The salaries a staff line's chain starts from, taken from the CAO table of the edition: the
monthly salary at the date (with the wage floor), the one of 1 January (the pension base, PFZW) and
the ORT cap of CAO art. 6.12; and the warnings for a date the table does not reach.
"""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from pricing.chain_rates import Rates, rates_variant, wage_floor_hourly
from pricing.model.scenario import StaffLine
from pricing.money import format_date_nl, format_eur
from pricing.ort_cap import cap_cell_problem
from pricing.parameters import ParameterBook, ParameterFileError, ParameterNotCovered
from pricing.personnel_cost import annual_salary


def salary_for(line: StaffLine, book: ParameterBook, on: dt.date, rates: Rates) -> tuple[float, str, tuple[str, ...]]:
    if line.monthly_salary is not None:
        return line.monthly_salary, "eigen opgave", ()
    found = book.salary.lookup(line.scale, line.step, on, rates.monthly_factor)
    floor = wage_floor_hourly(rates)
    if found.hourly + 1e-9 < floor:
        which = "het wettelijk minimumloon" if rates.minimum_wage_hourly >= rates.floor_hourly else "het cao-bodemloon"
        warning = (
            f"{line.function} (schaal {line.scale} trede {line.step}): het cao-uurloon van "
            f"{format_eur(found.hourly)} ligt op {format_date_nl(on)} onder {which} van {format_eur(floor)} per uur; "
            f"gerekend met {format_eur(floor)} per uur ({format_eur(floor * rates.monthly_factor)} per maand)."
        )
        return (
            floor * rates.monthly_factor,
            "minimumloon" if "minimumloon" in which else "cao-bodem",
            found.warnings + (warning,),
        )
    source = "cao-tabel (afgeleide trede)" if found.status == "derived" else "cao-tabel"
    return found.monthly, source, found.warnings


def january_salary(line: StaffLine, book: ParameterBook, on: dt.date, rates: Rates, monthly: float) -> float | None:
    """The monthly salary of 1 January of the year (PFZW fixes the pensionable salary then; a rise
    during the year counts from the next 1 January). From the table on 1 January (with the wage
    floor of that date); an own salary is taken back by the CAO rises after 1 January. None when
    the edition does not reach back to 1 January: the pension then rests on the date's salary,
    which :func:`pricing.costprice.compute` says."""
    january = dt.date(on.year, 1, 1)
    table = book.salary
    if line.monthly_salary is not None:
        factor = 1.0
        for rise in table.rises_on(on):
            if january < rise.effective <= on and rise.effective > table.effective:
                factor *= 1.0 + rise.pct
        return monthly / factor
    try:
        jan_rates = rates_variant(
            rates,
            ("january", id(book), january),
            lambda: replace(
                rates,
                floor_hourly=book.value("floor_hourly", january),
                minimum_wage_hourly=book.value("statutory_minimum_wage_hourly", january),
            ),
            book,
        )
        return salary_for(line, book, january, jan_rates)[0]
    except ParameterNotCovered:  # the table, floor or minimum wage starts after 1 January
        return None


def ort_cap_salary(book: ParameterBook, on: dt.date, rates: Rates) -> float | None:
    """S_cap = 12 x monthly salary of scale 5 step 11 at the date (CAO art. 6.12 A.3), or None when
    the table does not cover the date (a scenario of own salaries only; :func:`pricing.costprice.compute`
    then says that the ORT is uncapped). A cap cell the table lacks is the edition's fault and refused: an
    edition is checked when it loads (pricing.ort_cap), this holds a book built in code to it too."""
    table = book.salary
    scale, step = int(rates.ort_cap_scale), int(rates.ort_cap_step)
    missing = cap_cell_problem(table, scale, step)
    if missing is not None:
        raise ParameterFileError(
            f"'ort_cap_scale' en 'ort_cap_step' noemen schaal {scale} trede {step} als grens van de "
            f"onregelmatigheidstoeslag (cao art. 6.12), maar {missing}."
        )
    try:
        cell = table.lookup(scale, step, on, rates.monthly_factor)
    except ParameterNotCovered:
        return None
    return annual_salary(cell.monthly)


def uncapped_ort_text(book: ParameterBook, on: dt.date, rates: Rates) -> str:
    """The warning that the ORT is paid over the whole salary because the table, which holds the cap
    of CAO art. 6.12, does not cover the date (a scenario of own salaries only)."""
    return (
        f"De grens van de onregelmatigheidstoeslag (cao art. 6.12: ten hoogste het loon van schaal "
        f"{int(rates.ort_cap_scale)} trede {int(rates.ort_cap_step)}) is op {format_date_nl(on)} niet bekend: de "
        f"cao-salaristabel van deze parametereditie geldt vanaf {format_date_nl(book.salary.first_date)}. De "
        f"onregelmatigheidstoeslag is daarom over het hele eigen salaris berekend; ligt dat boven die "
        f"grens, dan is de toeslag te hoog."
    )


def pension_on_the_date_text(book: ParameterBook, on: dt.date) -> str:
    """The warning that the pension base rests on the date's salary, because the edition does not
    reach back to 1 January, the day PFZW fixes the pensionable salary."""
    return (
        f"Pensioen: PFZW rekent met het salaris van 1 januari {on.year}, maar deze parametereditie dekt "
        f"die dag niet (de cao-salaristabel geldt vanaf {format_date_nl(book.salary.first_date)}, of het bodemloon of "
        f"minimumloon ontbreekt daar). De pensioengrondslag is berekend met het salaris van {format_date_nl(on)}; "
        f"is het salaris sinds 1 januari gestegen, dan is het pensioen iets te hoog."
    )
