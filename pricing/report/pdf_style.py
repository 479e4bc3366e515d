"""The offer's typography, shared by every PDF section module: the embedded DejaVu fonts, the
paragraph styles (built once), the house colours, escaping of user text, and the table builder."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle

from pricing.money import format_number, format_pct

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
ACCENT = colors.HexColor("#1d5c63")
LIGHT = colors.HexColor("#e8f0f0")
GRID = colors.HexColor("#b8c7c9")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: object) -> str:
    """User text made safe for a Paragraph: control characters dropped, &<> escaped, newlines kept."""
    value = _CONTROL.sub(" ", str(text))
    # A non-breaking space keeps "€" with its amount when a paragraph wraps.
    return escape(value).replace("\r\n", "\n").replace("\n", "<br/>").replace("€ ", "€\u00a0")


# ----------------------------------------------------------------------------------------------
# Fonts and styles (registered once per process)


_FONTS_READY = False


def register_fonts() -> None:
    global _FONTS_READY
    if _FONTS_READY:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    _FONTS_READY = True


Styles = dict[str, ParagraphStyle]


@functools.lru_cache(maxsize=1)
def _styles() -> Styles:
    """The offer's paragraph styles, built once per process (no flowable changes a style)."""
    base = ParagraphStyle("body", fontName=FONT, bulletFontName=FONT, fontSize=9, leading=12.5, spaceAfter=4)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, spaceAfter=2),
        "note": ParagraphStyle("note", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=FONT_BOLD, fontSize=7.5, leading=9, spaceAfter=0
        ),
        "cell_right": ParagraphStyle(
            "cell_right", parent=base, fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=FONT_BOLD, fontSize=7.5, leading=9, spaceAfter=0, textColor=colors.white
        ),
        "head_light": ParagraphStyle(
            "head_light", parent=base, fontSize=7, leading=8.5, spaceAfter=0, textColor=colors.white
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=8,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=3, keepWithNext=1
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT, spaceAfter=10
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=17, spaceAfter=6),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1),
    }


def pct(value: float | None, places: int = 2) -> str:
    return "–" if value is None else format_pct(value, places)


def fte_text(value: float) -> str:
    return format_number(value, 2)


def _table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None,
    styles: Styles,
    *,
    header: bool = True,
    numeric_from: int | None = None,
    bold_rows: Collection[int] = (),
    zebra: bool = True,
    wrap_cols: Iterable[int] | None = None,
    font_size: float = 7.5,
    head_style: str = "head",
) -> Table:
    """A table of escaped Paragraph cells for text; columns from ``numeric_from`` on are plain,
    right-aligned strings that never wrap (an amount split over two lines is unreadable)."""
    if wrap_cols is None:
        wrap_cols = range(len(rows[0]) if numeric_from is None else numeric_from)
    wrap_cols = set(wrap_cols)
    head_right = ParagraphStyle(f"{head_style}_right", parent=styles[head_style], alignment=TA_RIGHT)
    data = []
    for r, row in enumerate(rows):
        cells = []
        for i, value in enumerate(row):
            if header and r == 0:
                style = head_right if numeric_from is not None and i >= numeric_from else styles[head_style]
            elif numeric_from is not None and i >= numeric_from:
                style = styles["cell_right"]
            elif r in bold_rows:
                style = styles["cell_bold"]
            else:
                style = styles["cell"]
            cells.append(Paragraph(esc(value), style) if i in wrap_cols or (header and r == 0) else esc_plain(value))
        data.append(cells)
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT)]
    if zebra:
        for r in range(1 if header else 0, len(rows)):
            if r % 2 == 0:
                commands.append(("BACKGROUND", (0, r), (-1, r), LIGHT))
    for r in bold_rows:
        commands.append(("FONTNAME", (0, r), (-1, r), FONT_BOLD))
    table.setStyle(TableStyle(commands))
    return table


def esc_plain(value: object) -> str:
    # Plain table strings are drawn as text, never parsed as markup; only control characters go.
    return _CONTROL.sub(" ", str(value))


def _kv_table(
    rows: Sequence[Sequence[object]], styles: Styles, widths: Sequence[float] = (6.5 * cm, 10.5 * cm)
) -> Table:
    return _table(rows, widths, styles, header=False, zebra=True)


def _heading(text: str, styles: Styles, level: str = "h1") -> Paragraph:
    return Paragraph(esc(text), styles[level])
