"""ui.literal: user text through a CommonMark renderer shows exactly its characters, no markup."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ui.literal import WORD_JOINER, literal

RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PAYLOADS = [
    "![x](http://127.0.0.1:8649/x.png)",
    "**VET** _schuin_ `code`",
    "[klik](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "# kop",
    "> citaat",
    "- lijst",
    "1. lijst",
    "---",
    "| a | b |",
    "~~weg~~",
    "&amp; &lt;",
    "http://voorbeeld.nl",
    "www.voorbeeld.nl",
    "info@voorbeeld.nl",
    "a\\*b",
    "Gemeente: is verplicht, regel 3 (FTE)",
]


def _shown(markdown: str) -> tuple[str, str]:
    out = RENDER.render(markdown).strip()
    inner = re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)
    # The invisible word joiner that keeps addresses from becoming links is not a shown character.
    return inner, html.unescape(inner).replace(WORD_JOINER, "")


def test_payloads_render_as_their_own_characters():
    for text in PAYLOADS:
        markup, shown = _shown(literal(text))
        assert "<" not in markup.replace("&lt;", ""), (text, markup)  # no tag of any kind
        assert shown == text, (text, shown)


def test_ordinary_messages_are_left_readable():
    assert literal("Gemeente: is verplicht, regel 3 (FTE).") == "Gemeente: is verplicht, regel 3 (FTE)."


@given(st.text(alphabet=st.sampled_from(list("ab1 .:-+#>![]()*_`<>&~|$\\=/h")), max_size=24))
def test_any_text_renders_literally(text):
    text = " ".join(text.split())  # one line, as literal makes it; CommonMark trims edges
    markup, shown = _shown(literal(text))
    assert "<" not in markup.replace("&lt;", "")
    assert shown == text


def test_web_and_mail_addresses_do_not_become_links():
    """Streamlit links bare addresses after escapes are resolved (GFM autolinks); the word joiner
    breaks the pattern. Checked in Chromium too: no <a> for these in st.markdown(literal(...))."""
    for text in ("zie https://voorbeeld.nl", "www.voorbeeld.nl", "mail info@voorbeeld.nl"):
        shown = literal(text)
        assert WORD_JOINER in shown and shown.replace(WORD_JOINER, "").replace("\\", "") == text
