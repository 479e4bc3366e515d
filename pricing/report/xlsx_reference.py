"""Where the figures come from and how to read them: the index table of the Contract sheet (per
contract year the index, its origin and its source), the Parameters sheet (every parameter used, with
date, source and status) and the reading guide (Toelichting)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from pricing import method
from pricing.contract import ContractBudget
from pricing.costprice import CostPriceResult
from pricing.model.contract import INDEX_SOURCE_STATUS, ORIGIN_LABELS, YearIndex
from pricing.money import format_date_nl
from pricing.parameters import STATUS_LABELS, ParameterBook, ParameterNotCovered, load_parameter_book
from pricing.report.xlsx_sheet import Sheet
from pricing.report.xlsx_style import NUM, PCT3

INDEX_TABLE_HEADER = ["Jaar", "Index per 1 januari", "Herkomst", "Status bron", "Bron"]


def fill_index_table(
    cs: Sheet, r: int, budget: ContractBudget, index_refs: list[str | None], book: ParameterBook
) -> dict[int, int]:
    """Per contract year the index applied on 1 January (a formula on its Invoer cell), where it comes
    from, and the status and text of its source; returns the row of each year."""
    cs.text(r, 1, "Indexatie per contractjaar: index, herkomst en bron", bold=True)
    r += 1
    cs.header(r, INDEX_TABLE_HEADER)
    r += 1
    rows = {}
    for k, year in enumerate(budget.years):
        row, ref = budget.year_index[k], index_refs[k]
        cs.value(r, 1, year, "0")
        if row is None or ref is None:
            cs.text(r, 2, "basisjaar")
            cs.text(r, 3, ORIGIN_LABELS["basis"])
            cs.text(r, 4, "n.v.t.")
            cs.text(r, 5, f"prijspeil {budget.base_year}: de kostprijs op de peildatum, niet geïndexeerd")
        else:
            cs.formula(r, 2, ref, PCT3, value=row.index)
            cs.text(r, 3, ORIGIN_LABELS[row.origin] + ("; inhaal volgt" if row.catch_up_pending else ""))
            status, source = index_source(row, book)
            cs.text(r, 4, status)
            cs.text(r, 5, source)
        rows[year] = r
        r += 1
    return rows


def index_source(row: YearIndex, book: ParameterBook) -> tuple[str, str]:
    """The status and the text of the source of a year's index: the contract's own source when it
    gives one (vastgesteld, voorlopig or aanname); else the published OVA/PPC figures, the contract's
    clause or its assumed percentage, each said as such."""
    if row.source:
        return INDEX_SOURCE_STATUS.get(row.source_status, row.source_status), row.source
    if row.origin == "aanname":
        return "aanname", "het aangenomen percentage van het contract; geen eigen bron opgegeven"
    if row.origin == "opgegeven":
        return "geen eigen bron", "opgegeven in het contract; geen eigen bron opgegeven"
    try:
        published = book.get("ova_provisional", dt.date(row.year, 1, 1)).source_text
    except ParameterNotCovered:  # a figure the book does not hold: the contract's own
        published = "opgegeven in het contract"
    status = "gepubliceerd" if row.origin == "data" else "deels gepubliceerd, deels opgegeven"
    return status, published


def fill_parameters(ps: Sheet, result: CostPriceResult) -> None:
    for col, width in zip("ABCDEFG", (48, 18, 16, 70, 12, 40, 10)):
        ps.width(col, width)
    ps.header(1, ["Parameter", "Waarde", "Ingangsdatum", "Bron", "Status", "Toelichting", "Methode"])
    book = load_parameter_book()
    r = 2
    for u in result.used:
        ps.text(r, 1, u.label)
        if isinstance(u.value, (int, float)) and not isinstance(u.value, bool):
            ps.value(r, 2, u.value, PCT3 if u.unit == "fraction" else NUM)
        else:
            ps.text(r, 2, ", ".join(str(v) for v in u.value) if isinstance(u.value, tuple) else u.value)
        ps.text(r, 3, u.effective.isoformat() if u.effective else "")
        ps.text(r, 4, u.source)
        ps.text(r, 5, STATUS_LABELS.get(u.status, u.status))
        ps.text(r, 6, u.note)
        ps.text(r, 7, method.pointer_text(method.section_for_used(u, book)))
        r += 1


def fill_readme(rs: Sheet, result: CostPriceResult, generated: dt.date, sheets: Collection[str]) -> None:
    """The reading guide; it describes only the sheets this workbook has (``sheets``)."""
    s = result.scenario
    rs.width("A", 110)
    lines = [
        ("Reële prijs sociaal werk: rekenmodel", True),
        (
            f"{s.organisation} — scenario '{s.name}', peildatum {format_date_nl(result.date)}; "
            f"gemaakt op {format_date_nl(generated)}.",
            False,
        ),
        ("", False),
        (
            "Dit werkboek rekent de kostprijs en het reële tarief na met formules die naar het blad Invoer verwijzen.",
            False,
        ),
        ("Gele cellen op Invoer zijn invoer: pas ze aan en alle stappen rekenen opnieuw.", False),
        (
            "Elke formule bewaart ook de uitkomst van de rekenkern van de app: een programma dat niet zelf rekent "
            "(een bestandsviewer, een script) toont dezelfde bedragen; Excel en LibreOffice rekenen bij het openen "
            "alles opnieuw uit.",
            False,
        ),
        (
            "Blad Kostprijs: de keten per formatieregel (salaris, IKB, toeslagen, premies, pensioen, uren, overhead, "
            "opslagen, tarief) en het team.",
            False,
        ),
        *(
            [
                (
                    "Blad Contract: prijs per functie, formatie en activiteiten, indexatie per jaar, totalen, de "
                    "contante waarde in prijzen van het basisjaar (de reële discontovoet verdisconteert de totalen "
                    "gedeeld door de prijsfactor) en de kosten van niet-indexeren.",
                    False,
                )
            ]
            if "Contract" in sheets
            else []
        ),
        *(
            [
                (
                    "Blad Maatschappelijk rendement: per opgave de verhouding baten/kosten, de bandbreedte (of "
                    "'niet bekend'), de bron en het label schatting, met de contante waarde van kosten en baten; de "
                    "verhoudingen zijn gele invoer op het blad Invoer.",
                    False,
                )
            ]
            if "Maatschappelijk rendement" in sheets
            else []
        ),
        (
            "Elke invoercel heeft een naam (invoer_...), ook die van het contract: uren, FTE en bedragen per regel, "
            "de index per jaar, de indexatie door de gemeente, de discontovoet en de verhoudingen."
            if "Contract" in sheets
            else "Elke invoercel heeft een naam (invoer_...).",
            False,
        ),
        *(
            [
                (
                    "Blad Gevoeligheid: het tarief per uur met elke aanname apart op de uiteinden van haar "
                    "bandbreedte (met de bron van die bandbreedte) en de risicoband; uitkomsten van de rekenkern, "
                    "geen formules.",
                    False,
                )
            ]
            if "Gevoeligheid" in sheets
            else []
        ),
        (
            "Blad Parameters: elke gebruikte parameter met datum, bron en status (bron, afgeleid, aanname, scenario).",
            False,
        ),
        (method.document_sentence(), False),
        (
            "De uitkomsten zijn getoetst: een test rekent dit werkboek met een onafhankelijke rekenmachine na en vergelijkt "
            "elke stap op de cent met de rekenkern van de app.",
            False,
        ),
    ]
    for i, (text, bold) in enumerate(lines, start=1):
        rs.text(i, 1, text, bold=bold)
