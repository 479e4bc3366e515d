"""The parameter edition and the forecast in the offer PDF and the workbook: plain rows and sentences,
built from the Evaluation (the PDF and the xlsx format them; neither is imported, only the sheet protocol of
pricing.report.xlsx_style, so no cycle)."""

from __future__ import annotations

from pricing.evaluation import Evaluation
from pricing.forecast import CAO_RISE_KEY, ForecastUse, value_text
from pricing.money import format_date_nl, format_eur
from pricing.report.xlsx_style import SheetWriter


def edition_text(evaluation: Evaluation) -> str:
    """``2026-12 (editie december 2026, gepubliceerd 1 december 2026)``."""
    e = evaluation.edition
    if e is None:
        return "onbekend"
    return f"{e.id} ({e.title}, gepubliceerd {format_date_nl(e.published)})"


def provisional_text(evaluation: Evaluation) -> str:
    """One sentence for a provisional result (empty when definitive)."""
    if not evaluation.provisional:
        return ""
    moving = [(u, u.effect_per_hour) for u in evaluation.forecast if u.effect_per_hour]
    effect = (
        ", ".join(
            f"{u.label.lower()} {value_text(u.value, u.unit)}: {format_eur(per_hour)} per uur"
            for u, per_hour in sorted(moving, key=lambda pair: -abs(pair[1]))
        )
        if moving
        else "alle prognosewaarden zijn gelijk aan het laatst bekende cijfer"
    )
    return (
        f"Voorlopige prijs: de peildatum {format_date_nl(evaluation.result.date)} ligt na de gepubliceerde "
        f"cijfers, dus {len(evaluation.forecast)} waarde(n) zijn een prognose (aanname) van parametereditie "
        f"{evaluation.edition.id if evaluation.edition else ''}. Op het tarief: {effect}. Elke prognosewaarde "
        f"staat met haar toelichting in de bijlage; zodra de cijfers gepubliceerd zijn, geeft een nieuwe "
        f"editie de definitieve prijs."
    )


FORECAST_HEADER = ("Prognosewaarde", "Waarde", "Laatst bekend", "Effect €/uur", "Toelichting")


def forecast_rows(evaluation: Evaluation) -> list[tuple[str, ...]]:
    """Every forecast value the result rests on. Values that differ from the last known figure (and the
    assumed CAO rise) get a row each; values carried over unchanged are grouped per reasoning, so the
    table stays short while naming every value."""
    uses = sorted(evaluation.forecast, key=lambda u: (-abs(u.effect_per_hour or 0.0), u.key != CAO_RISE_KEY))
    rows: list[tuple[str, ...]] = [FORECAST_HEADER]
    carried: dict[str, list[ForecastUse]] = {}
    for u in uses:
        if u.key != CAO_RISE_KEY and u.value == u.last_known:
            carried.setdefault(f"{_origin(u)}: {u.reasoning}", []).append(u)
            continue
        last = "geen verhoging" if u.key == CAO_RISE_KEY else value_text(u.last_known, u.unit)
        rows.append(
            (
                u.label,
                value_text(u.value, u.unit),
                last,
                format_eur(u.effect_per_hour or 0.0),
                f"{_origin(u)}: {u.reasoning}",
            )
        )
    for reasoning, group in carried.items():
        names = "; ".join(f"{u.label.split(' (')[0]} {value_text(u.value, u.unit)}" for u in group)
        rows.append((names, "gelijk", "laatst bekend", format_eur(0.0), reasoning))
    return rows


def _origin(use: ForecastUse) -> str:
    return "eigen prognose" if use.origin == "scenario" else "prognose editie"


def fill_workbook(readme: SheetWriter, parameters: SheetWriter, evaluation: Evaluation) -> None:
    """The workbook's edition lines: on Toelichting (below its text) and, for a provisional price, the
    forecast values below the Parameters sheet. ``readme``/``parameters`` are the xlsx module's sheets."""
    e = evaluation.edition
    row = readme.max_row + 2
    if e is not None:
        readme.text(
            row,
            1,
            f"Parametereditie {edition_text(evaluation)}; vingerafdruk van de parametergegevens "
            f"(sha256): {e.fingerprint}.",
        )
        row += 1
    if evaluation.provisional:
        readme.text(row, 1, "VOORLOPIG. " + provisional_text(evaluation), bold=True)
        r = parameters.max_row + 2
        parameters.text(r, 1, "Prognosewaarden (voorlopige prijs)", bold=True)
        parameters.header(r + 1, list(FORECAST_HEADER))
        for k, values in enumerate(forecast_rows(evaluation)[1:], start=r + 2):
            for col, value in enumerate(values, start=1):
                parameters.text(k, col, value)
