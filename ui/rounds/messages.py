"""What a button's callback has to say. Callbacks run before the page is drawn, so a callback
leaves its message in the session and the page shows it at the top of the run that follows."""

from __future__ import annotations

import streamlit as st

from pricing.scenario import ScenarioError
from ui.problem_text import problem_text


def remember(kind: str, text: str) -> None:
    st.session_state["rounds_message"] = (kind, text)


def say(problem: Exception) -> None:
    if isinstance(problem, ScenarioError):
        remember(
            "error",
            "Niet opgeslagen, het scenario is ongeldig:\n\n"
            + "\n".join(f"- {problem_text(p)}" for p in problem.problems),
        )
    else:
        remember("error", str(problem))


def show_message() -> None:
    found = st.session_state.pop("rounds_message", None)
    if found:
        kind, text = found
        getattr(st, kind)(text)
