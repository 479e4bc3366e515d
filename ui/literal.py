"""User text shown literally wherever Streamlit reads Markdown (markdown, captions, titles, alerts,
metric and widget labels, radio options): names, notes, reasons, authors, file names and every
message that quotes them. Scenario, organisation, task and area names come from uploaded files, so
``![x](http://...)`` must not load an image in every viewer's browser and ``:red[**...**]`` must
not paint on the projector."""

from __future__ import annotations

import re

# Characters that make markup anywhere in a line: emphasis, code, links and images ([ ]), HTML (< >),
# tables, strikethrough, math, entities, and Streamlit's own ":red[", ":material/...:" and emoji
# ":smile:" (a colon directly before a letter), and bare links ("http://"). Ordinary punctuation (, . ; : ( ) -) stays as it is,
# so messages read the same in the page source.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~$&])|(:)(?=[A-Za-z]|//)")
# Characters that make markup only at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def literal(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows exactly these characters, on one line."""
    flat = " ".join(str(text).splitlines()).replace("\t", " ")
    escaped = _INLINE.sub(lambda m: "\\" + (m.group(1) or m.group(2)), flat)
    return _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), escaped
    )
