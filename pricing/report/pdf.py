"""The offer PDF: a document a director can hand to the municipality.

This module holds the document (template, page footer, bookmarks) and the order of the sections;
each section is its own module (``section_cover``, ``section_tasks``, ``section_costprice``,
``section_benchmark``, ``section_budget``, ``section_variants``, ``section_appendix``,
``sensitivity_report``), the content they read is ``pdf_content.OfferContent`` (the Evaluation),
and the typography is ``pdf_style``. The section functions are re-exported here.

Built from reportlab platypus flowables (no drawing at absolute coordinates except the running
footer), with DejaVu Sans embedded so every character prints (ł, ź, €, ≥). Every section has a
``*_rows`` function that returns the table rows it prints as plain strings; the builders turn those
rows into tables. Tests check the rows and the text pypdf extracts, so a section's content is
testable without parsing PDF drawing operators.

User text (names, functions, areas, indicators, reasons) is escaped before it enters a Paragraph:
``<b>`` prints as ``<b>``, ``R&D`` as ``R&D``. Figures are read from the computed results
(:class:`pricing.costprice.CostPriceResult`, :class:`pricing.contract.ContractBudget`) and shown
with the engine's declared rounding (``pricing.display``, ``pricing.money``); nothing is recomputed.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm, mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from pricing.report.output import write_output
from pricing.report.pdf_content import (  # noqa: F401  (re-exported: tests and callers read them here)
    MAX_CELL_TEXT,
    MAX_YEAR_COLUMNS,
    OfferContent,
    offer_content,
    value_text,
)
from pricing.report.pdf_style import (  # noqa: F401  (re-exported: tests and section modules read them here)
    ACCENT,
    FONT,
    FONT_BOLD,
    FONT_DIR,
    GRID,
    LIGHT,
    _heading,
    _kv_table,
    _styles,
    _table,
    esc,
    esc_plain,
    fte_text,
    pct,
    register_fonts,
)
from pricing.report.section_appendix import (  # noqa: F401
    _appendix,
    _signature,
    parameter_rows,
    signature_rows,
)
from pricing.report.section_benchmark import (  # noqa: F401
    _benchmark,
    _compliance,
    band_source_rows,
    benchmark_rows,
    compliance_rows,
    unbanded_text,
)
from pricing.report.section_budget import (  # noqa: F401
    _budget,
    grouped_rows,
    non_indexation_rows,
    price_basis_rows,
    year_rows,
)
from pricing.report.section_costprice import COSTPRICE_ROWS, _costprice, costprice_rows, costprice_source_rows  # noqa: F401
from pricing.report.section_cover import (  # noqa: F401
    _cover,
    _summary,
    cover_rows,
    quarterly_instalments,
    summary_rows,
)
from pricing.report.section_tasks import (  # noqa: F401
    _staffing,
    _tasks_and_areas,
    activity_rows,
    area_rows,
    staffing_rows,
    task_rows,
)
from pricing.report.section_variants import (  # noqa: F401
    _options,
    _social,
    option_notes,
    option_rows,
    social_actor_rows,
    social_rows,
)
from pricing.report.sensitivity_report import pdf_section as sensitivity_section

if TYPE_CHECKING:
    from pricing.benchmark import BenchmarkSet
    from pricing.costprice import CostPriceResult
    from pricing.evaluation import Evaluation

# ----------------------------------------------------------------------------------------------
# Flowables


OUTLINE_LEVELS = {"h1": 0, "h2": 1}  # section and subsection headings become PDF bookmarks


class _OfferDocument(BaseDocTemplate):
    """The document template: every section heading becomes a bookmark in the PDF's outline."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name in OUTLINE_LEVELS:
            # render() builds every offer on a _NumberedCanvas (its canvasmaker)
            cast(_NumberedCanvas, self.canv).mark_heading(flowable.getPlainText(), OUTLINE_LEVELS[flowable.style.name])


class _NumberedCanvas(pdfcanvas.Canvas):
    """Keeps every page until the end so the footer can say ``pagina x van y``."""

    def __init__(self, *args: Any, footer_left: str = "", **kwargs: Any) -> None:
        # Without an initial font every page would reference Helvetica, unembedded.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []  # the canvas state of every page drawn
        self._footer_left = footer_left
        self._headings: list[tuple[int, str, int]] = []  # (page index, title, outline level)

    def mark_heading(self, title: str, level: int) -> None:
        """Bookmark a heading on the page being drawn; written when the pages are (see save)."""
        self._headings.append((len(self._pages), title, level))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset, not in types-reportlab

    def save(self) -> None:
        # A bookmark points at the page the PDF writer is on, so it is set while each kept page is
        # written, not while it was drawn.
        total = len(self._pages)
        headings = self._headings
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            for number, (page, title, level) in enumerate(headings):
                if page == index:
                    self.bookmarkPage(f"sectie-{number}")
                    self.addOutlineEntry(title, f"sectie-{number}", level=level)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        width, _ = A4
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(2 * cm, 1.2 * cm, esc_plain(self._footer_left)[:110])
        self.drawRightString(width - 2 * cm, 1.2 * cm, f"pagina {self._pageNumber} van {total}")  # type: ignore[attr-defined]  # as _startPage
        self.setStrokeColor(GRID)
        self.line(2 * cm, 1.5 * cm, width - 2 * cm, 1.5 * cm)
        self.restoreState()


def offer_story(content: OfferContent) -> list[Flowable]:
    register_fonts()
    styles = _styles()
    story: list[Flowable] = _cover(content, styles) + [NextPageTemplate("body"), PageBreak()]
    story += _summary(content, styles)
    number = 2
    if content.budget is not None:
        story += [PageBreak()] + _tasks_and_areas(content, styles)
        story += [PageBreak()] + _staffing(content, styles)
        number = 4
    story += [PageBreak()] + _costprice(content, styles, number)
    story += [CondPageBreak(9 * cm)] + _benchmark(content, styles, number + 1)
    story += [Spacer(1, 4 * mm)] + _compliance(content, styles, number + 2)
    number += 3
    if content.evaluation.sensitivity is not None:
        story += [CondPageBreak(14 * cm)] + sensitivity_section(
            content.evaluation, styles, number, table=_table, heading=_heading, esc=esc
        )
        number += 1
    if content.budget is not None:
        story += [CondPageBreak(13 * cm)] + _budget(content, styles, number)
        number += 1
        if content.contract is not None and content.contract.options:
            story += [Spacer(1, 4 * mm)] + _options(content, styles, number)
            number += 1
        if content.social:
            story += [CondPageBreak(10 * cm)] + _social(content, styles, number)
            number += 1
    # The appendix follows on the same page when a good part of it fits (no half-empty page before it).
    story += [CondPageBreak(12 * cm)] + _appendix(content, styles, number)
    story += _signature(content, styles)
    return story


def build_offer_pdf(
    source: Evaluation | CostPriceResult,
    target: str | Path | BinaryIO | None = None,
    *,
    option: str | None = None,
    generated: dt.date | None = None,
    benchmark_set: BenchmarkSet | None = None,
) -> bytes:
    """Render the offer for an :class:`Evaluation` (or a cost-price result) and its contract variant ``option``.

    ``target`` may be a path or a binary file object; the PDF bytes are returned either way.
    """
    content = offer_content(source, option, generated, benchmark_set)
    return render(content, target)


def render(content: OfferContent, target: str | Path | BinaryIO | None = None) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    c = content.contract
    title = f"Offerte {c.name}" if c is not None else f"Kostprijsonderbouwing {content.scenario.name}"
    doc = _OfferDocument(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=2 * cm,
        title=title,
        author=esc_plain(content.scenario.organisation),
        initialFontName=FONT,
        subject="Reële prijs sociaal werk",
        creator="reële prijs sociaal werk",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main")
    doc.addPageTemplates([PageTemplate("cover", frames=[frame]), PageTemplate("body", frames=[frame])])
    footer = f"{content.scenario.organisation} — {c.name if c is not None else content.scenario.name}"
    doc.build(offer_story(content), canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer_left=footer, **k))
    data = buffer.getvalue()
    return write_output(data, target)
