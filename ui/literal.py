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


# Streamlit's Markdown turns bare web and e-mail addresses into links after escapes are resolved
# (GFM autolink literals), so a backslash cannot stop it. An invisible WORD JOINER (U+2060) inside
# "://", after "www" and before "@" breaks the pattern without changing what a reader sees.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=://)|(?<=\b[Ww][Ww][Ww])(?=\.)|(?=@)")


def shown_literally(text: str) -> str:
    """What a reader's browser holds for ``text`` shown through :func:`literal`: the same characters,
    with the invisible word joiners in the addresses."""
    return _AUTOLINK.sub(WORD_JOINER, " ".join(text.splitlines()))


def literal(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows exactly these characters, on one line."""
    flat = " ".join(str(text).splitlines()).replace("\t", " ")
    flat = _AUTOLINK.sub(WORD_JOINER, flat)
    escaped = _INLINE.sub(lambda m: "\\" + (m.group(1) or m.group(2)), flat)
    return _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), escaped
    )
