"""Public holidays of the CAO Sociaal Werk by the calendar (CAO art. 5.9 A).

The CAO names eight days: New Year's Day, Easter Monday, King's Day, Liberation Day (5 May, every
year), Ascension Day, Whit Monday, Christmas Day and Boxing Day. A day that falls on Monday-Friday
is paid leave for a full-timer, so it leaves the productive hours; one on a weekend does not.
"""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter


def cao_holidays(year: int) -> tuple[tuple[str, dt.date], ...]:
    """The CAO's eight named holidays of ``year`` (King's Day moves to 26 April on a Sunday)."""
    e = easter(year)
    kings = dt.date(year, 4, 27)
    if kings.weekday() == 6:
        kings = dt.date(year, 4, 26)
    return (
        ("Nieuwjaarsdag", dt.date(year, 1, 1)),
        ("Tweede paasdag", e + dt.timedelta(days=1)),
        ("Koningsdag", kings),
        ("Bevrijdingsdag", dt.date(year, 5, 5)),
        ("Hemelvaartsdag", e + dt.timedelta(days=39)),
        ("Tweede pinksterdag", e + dt.timedelta(days=50)),
        ("Eerste kerstdag", dt.date(year, 12, 25)),
        ("Tweede kerstdag", dt.date(year, 12, 26)),
    )


def weekday_holidays(year: int) -> tuple[tuple[str, dt.date], ...]:
    """The CAO holidays of ``year`` that fall on Monday to Friday."""
    return tuple((name, day) for name, day in cao_holidays(year) if day.weekday() < 5)


def public_holiday_hours(year: int, hours_per_day: float) -> float:
    """Holiday hours per full-time FTE: weekday CAO holidays x hours per day (7.2 at 36 h/week)."""
    return len(weekday_holidays(year)) * hours_per_day
