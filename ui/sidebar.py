"""Sidebar: open, save and reset the scenario; the benchmark set; presentation mode."""

from __future__ import annotations

import functools
import re

import streamlit as st

from pricing.benchmark import BenchmarkFileError, parse_benchmark_set
from pricing.scenario import dump_scenario
from ui import state
from ui.guard import unexpected
from ui.literal import literal
from ui.problem_text import problem_text


def _slug(text: object) -> str:
    """A file name from a scenario's name, whatever the file holds there (a number, nothing)."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(text or "scenario").lower()).strip("-")
    return slug or "scenario"


def _open_scenario() -> None:
    upload = st.session_state.get("up_scenario")
    if upload is None:
        return
    raw, problems = state.read_scenario_upload(upload.getvalue(), upload.name)
    if raw is None:
        st.session_state["upload_problems"] = (upload.name, problems)
        return
    st.session_state.pop("upload_problems", None)
    state.load_raw(raw, f"Bestand: {upload.name}")


def _reset_demo() -> None:
    st.session_state.pop("upload_problems", None)
    state.load_raw(state.demo_raw(), "Demo: Stichting Welzijn De Brug (examples/voorbeeld.yaml)")


def _new_scenario() -> None:
    st.session_state.pop("upload_problems", None)
    state.load_raw(state.new_raw(), "Nieuw scenario (eigen organisatie)")


def _open_benchmark() -> None:
    upload = st.session_state.get("up_benchmark")
    if upload is None:
        return
    try:
        st.session_state["benchmark_set"] = parse_benchmark_set(upload.getvalue(), upload.name)
        st.session_state.pop("benchmark_problems", None)
    except BenchmarkFileError as exc:
        st.session_state["benchmark_problems"] = (upload.name, exc.problems)
    except Exception:  # noqa: BLE001  (no traceback reaches a user)
        st.session_state["benchmark_problems"] = (upload.name, [unexpected("het laden van de benchmarkset")])


def _default_benchmark() -> None:
    st.session_state["benchmark_set"] = state.default_benchmark_set()
    st.session_state.pop("benchmark_problems", None)


def render_sidebar() -> bool:
    """Draw the sidebar; returns whether presentation mode is on."""
    with st.sidebar:
        presenting = st.toggle(
            "Presentatiemodus",
            key="presentation",
            help="Alleen grote kerncijfers en de vergelijking, zonder invoervelden; voor de beamer.",
        )
        if presenting:
            return True
        problems = state.input_problems()
        raw = state.raw()
        from ui.compare import editing_b, stop_editing_b

        if editing_b():
            st.warning("U bewerkt **scenario B**; A staat apart.", icon=":material/edit:")
            st.button("Klaar met B: terug naar A", key="btn_stop_b", on_click=stop_editing_b, type="primary")
        # One element per block of text, not one per line: every element is a message to the browser
        # on every rerun of every page (about a millisecond each; see docs/performance.md).
        status = ""
        if state.no_staff():
            status = ":gray[○ Nog geen formatie]"
        elif not problems:
            status = ":green[●] :gray[Invoer geldig]"
        origin = literal(st.session_state.get("raw_origin", ""))
        st.markdown(
            f"### Scenario\n**{literal(raw.get('name') or '(zonder naam)')}**  \n"
            f"{literal(raw.get('organisation') or '')}\n\n:gray[:small[{origin}]]"
            + (f"\n\n:small[{status}]" if status else "")
        )
        if problems and not state.no_staff():
            with st.expander(f"{len(problems)} fout(en) in de invoer", icon=":material/warning:", expanded=False):
                st.markdown("\n".join(f"- {literal(problem_text(p))}" for p in problems))

        st.file_uploader(
            "Scenario openen (YAML of JSON)", type=["yaml", "yml", "json"], key="up_scenario", on_change=_open_scenario
        )
        refused = st.session_state.get("upload_problems")
        if refused:
            name, problems = refused
            st.error(
                f"'{literal(name)}' is geen geldig scenario en is niet geopend:\n\n"
                + "\n".join(f"- {literal(p)}" for p in problems),
                icon=":material/block:",
            )
        cols = st.columns(2)
        cols[0].download_button(
            # Serialised when clicked (not on every rerun of every page): the scenario as this rerun shows it.
            "Opslaan",
            data=functools.partial(dump_scenario, raw),
            file_name=f"{_slug(raw.get('name'))}.yaml",
            mime="application/x-yaml",
            key="dl_scenario",
            icon=":material/download:",
            on_click="ignore",
            help="Het scenario zoals ingevoerd (ook ongeldige velden), in het bestandsformaat van de rekenkern.",
        )
        cols[1].button(
            "Demo",
            key="btn_reset_demo",
            on_click=_reset_demo,
            icon=":material/restart_alt:",
            help="Terug naar de demo-organisatie; niet opgeslagen wijzigingen gaan verloren.",
        )
        st.button(
            "Nieuw scenario",
            key="btn_new_scenario",
            on_click=_new_scenario,
            icon=":material/add:",
            help="Begin met uw eigen organisatie: nog geen formatie (de pagina Organisatie & formatie zegt hoe u "
            "begint), de standaardnormen, geen contract. Niet opgeslagen wijzigingen gaan verloren.",
        )

        bset = st.session_state["benchmark_set"]
        st.markdown(
            f"### Benchmarkset\n:gray[:small[{literal(bset.name)} "
            f"({'meegeleverd' if bset.origin == 'indicatief.yaml' else literal(bset.origin)})]]"
        )
        st.file_uploader("Andere set laden (YAML)", type=["yaml", "yml"], key="up_benchmark", on_change=_open_benchmark)
        refused = st.session_state.get("benchmark_problems")
        if refused:
            name, problems = refused
            st.error(
                f"'{literal(name)}' is geweigerd:\n\n" + "\n".join(f"- {literal(p)}" for p in problems),
                icon=":material/block:",
            )
        if bset.origin != "indicatief.yaml":
            st.button("Standaardset", key="btn_default_benchmark", on_click=_default_benchmark)
        from ui.forecast import render_edition_sidebar

        render_edition_sidebar()
    return False
