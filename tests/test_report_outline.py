"""The offer PDF has an outline: one bookmark per section heading, pointing at the page that shows it."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from pricing.evaluation import evaluate
from pricing.report.pdf import build_offer_pdf
from pricing.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def _outline(reader: PdfReader, items=None, level: int = 0) -> list[tuple[int, str, int]]:
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += _outline(reader, item, level + 1)
        else:
            out.append((level, item.title, reader.get_destination_page_number(item)))
    return out


def test_every_section_is_a_bookmark_on_its_own_page():
    reader = PdfReader(io.BytesIO(build_offer_pdf(evaluate(load_scenario(ROOT / "examples" / "voorbeeld.yaml")))))
    outline = _outline(reader)
    titles = [t for level, t, _ in outline if level == 0]
    assert titles[0] == "1. Samenvatting"
    assert any(t.startswith("Bijlage") for t in titles)
    assert len(titles) >= 8
    pages = [page for _, _, page in outline]
    assert pages == sorted(pages), "bookmarks follow the document order"
    for _, title, page in outline:
        text = " ".join(reader.pages[page].extract_text().split())
        assert " ".join(title.split()) in text, f"bookmark {title!r} points at page {page + 1}, which does not show it"
