"""AppTest helpers shared by the app's test modules."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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
    """The widget key the grid ``name`` has now (ui/state.py, grid_key): steady across its own edits."""
    return f"{name}_editor_{at.session_state[f'{name}_version']}"
