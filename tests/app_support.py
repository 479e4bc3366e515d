"""AppTest helpers shared by the app's test modules."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

# The first run of every AppTest scans the metadata of every installed package for Streamlit
# components (streamlit/testing/v1/app_test.py, discover_and_register_components): 50 ms with this
# project's 80 packages, 129 times in the fast loop. The installed packages do not change during a
# test run, so the real scan runs once per process and every AppTest gets its result.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# The pages' titles as the navigation names them, in its order.
PAGE_TITLES = (
    "Organisatie & formatie",
    "Normen & opslagen",
    "Kostprijs",
    "Toets",
    "Tariefcheck",
    "Vergelijken",
    "Contract & offerte",
    "Versies & rondes",
)


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def goto(at: AppTest, title: str) -> AppTest:
    """Open a page registered with st.navigation by its title (pages are callables, not files)."""
    for page_hash, info in at._registered_pages.items():
        if info.get("page_name") == title:
            at._page_hash = page_hash
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            return at
    raise AssertionError(
        f"page {title!r} not registered; known: {[i.get('page_name') for i in at._registered_pages.values()]}"
    )


def metric(at: AppTest, label: str) -> str:
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"metric {label!r} not shown; shown: {[m.label for m in at.metric]}"
    return found[0]


def social_return_estimates(at: AppTest):
    """The contract page's social-return estimate, one row per task again (the page shows a column
    per task and a row per figure, so the table fits the page's width)."""
    shown = next(f.value for f in at.dataframe if "Schatting" in f.value.columns)
    return shown.set_index("Schatting").T


def grid_key(at: AppTest, name: str) -> str:
    """The widget key the grid ``name`` has now (ui/grids.py, grid_key): steady across its own edits."""
    return f"{name}_editor_{at.session_state[f'{name}_version']}"


@dataclass
class StaticTable:
    """A table ui/components.static_table drew, read back from its HTML: its key, its cells as a
    DataFrame of texts, the header tooltips, and per column whether it is right-aligned."""

    key: str
    value: pd.DataFrame
    help: dict[str, str] = field(default_factory=dict)
    figures: dict[str, bool] = field(default_factory=dict)
    colors: list[dict[str, str]] = field(default_factory=list)


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[StaticTable] = []
        self._rows: list[list[tuple[str, dict]]] = []
        self._cell: list[str] | None = None
        self._attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._key, self._rows = attrs.get("data-key", ""), []
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("th", "td"):
            self._cell, self._attrs = [], attrs

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._rows[-1].append(("".join(self._cell), self._attrs))
            self._cell = None
        elif tag == "table":
            header, *body = self._rows
            columns = [text for text, _ in header]
            self.tables.append(
                StaticTable(
                    key=self._key,
                    value=pd.DataFrame([[text for text, _ in row] for row in body], columns=columns),
                    help={text: a["title"] for text, a in header if "title" in a},
                    figures={text: a.get("class") == "figure" for text, a in header},
                    colors=[{c: a.get("style", "") for c, (_, a) in zip(columns, row)} for row in body],
                )
            )


def static_tables(at: AppTest) -> list[StaticTable]:
    """Every static table on the page, in its order."""
    reader = _TableReader()
    for element in at.html:
        reader.feed(element.value)
    return reader.tables


def static_table(at: AppTest, key: str) -> StaticTable:
    found = [t for t in static_tables(at) if t.key == key]
    assert found, f"no static table {key!r}; shown: {[t.key for t in static_tables(at)]}"
    return found[0]


def read_only_tables(at: AppTest) -> list[pd.DataFrame]:
    """The values of every table a person reads on the page: the grids (st.dataframe and
    st.data_editor) and the static tables."""
    return [f.value for f in at.dataframe] + [t.value for t in static_tables(at)]
