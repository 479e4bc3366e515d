"""References: the public source of a value (title, link, date) or this model's assumption with its
reasoning, as plain text or Markdown, and how a ``reference`` list in a parameter file is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pricing.parameters.files import ParameterFileError, format_date
from pricing.record import Record

_REFERENCE_KEYS = {"title", "href", "date", "reasoning"}
# The title of a reference that is this model's own assumption (no public source): its ``reasoning``
# says, in Dutch, why the value was chosen (docs/methode.md, "Bronnen en aannames").
ASSUMPTION_LABEL = "Aanname van dit model"


class Reference(Record, frozen=True):
    """A public source (title, link, date) or this model's assumption with its reasoning."""

    title: str
    href: str
    date: str = ""  # as shown: "30 oktober 2025", "2026"
    reasoning: str = ""  # only for an assumption of this model

    @property
    def text(self) -> str:
        """The reference as plain text, e.g. ``Titel (2026), https://...``."""
        return reference_text(self.title, self.href, self.date, self.reasoning)

    @property
    def markdown(self) -> str:
        """The reference as Markdown with the title as a link (for the app)."""
        return reference_markdown(self.title, self.href, self.date, self.reasoning)


def reference_text(title: str, href: str = "", date: str = "", reasoning: str = "") -> str:
    if title == ASSUMPTION_LABEL:
        return f"{ASSUMPTION_LABEL}: {reasoning}" if reasoning else ASSUMPTION_LABEL
    text = title + (f" ({date})" if date else "")
    return text + (f", {href}" if href else "")


def reference_markdown(title: str, href: str = "", date: str = "", reasoning: str = "") -> str:
    if title == ASSUMPTION_LABEL or not href:
        return _md_escape(reference_text(title, "", date, reasoning))
    return f"[{_md_escape(title)}]({href.replace(')', '%29')})" + (f" ({_md_escape(date)})" if date else "")


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "[]()*_`$<>#|~" else ch for ch in text)


_URL = re.compile(r"https?://[^\s;,]+")


def markdown_text(text: str) -> str:
    """Plain text (e.g. a joined source text) for Markdown: markup escaped, bare links kept
    intact so the app shows them clickable."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(_md_escape(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_md_escape(text[last:]))
    return "".join(out)


def references_text(refs: Iterable[Reference]) -> str:
    return "; ".join(ref.text for ref in refs)


def references_markdown(refs: Iterable[Reference]) -> str:
    return "; ".join(ref.markdown for ref in refs)


def parse_references(raw: Any, where: str) -> tuple[Reference, ...]:
    if not isinstance(raw, list) or not raw:
        raise ParameterFileError(f"{where}: 'reference' moet een lijst met minstens één bron zijn")
    refs = []
    for item in raw:
        if not isinstance(item, dict):
            raise ParameterFileError(f"{where}: een bron moet 'title' en 'href' hebben")
        unknown = set(item) - _REFERENCE_KEYS
        if unknown:
            raise ParameterFileError(f"{where}: onbekende sleutel(s) in bron: {sorted(unknown)}")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ParameterFileError(f"{where}: elke bron heeft een niet-lege 'title' nodig")
        refs.append(
            Reference(
                title=title.strip(),
                href=str(item.get("href") or "").strip(),
                date=_reference_date(item.get("date")),
                reasoning=str(item.get("reasoning") or "").strip(),
            )
        )
    return tuple(refs)


def _reference_date(value: Any) -> str:
    """A reference's date as shown: a YAML date in Dutch, a year or a text as given."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value).strip()
