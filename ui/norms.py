"""Page 2: Normen & opslagen (hours, billable definition, on-costs, overhead, surcharges)."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pricing.benchmark import BenchmarkSet
from pricing.breakdown import CONVENTION_TEXT, effective_oncost
from pricing.model.scenario import Scenario
from pricing.money import format_eur, format_number, format_pct
from pricing.paths import set_path
from pricing.scenario import RANGES
from ui import bindings, components, state
from ui.guard import NothingToCompute
from ui.literal import literal
from ui.overhead_editor import overhead_lines_editor, start_lines_from_pct
from ui.problem_text import problem_text, problems_at, show_problems

PCT = 100.0


def _row(widths: tuple[float, float] = (2, 3)) -> tuple[DeltaGenerator, DeltaGenerator]:
    return st.columns(widths, vertical_alignment="top")


def _pct_field(
    scenario: Scenario,
    label: str,
    key: str,
    path: tuple[str, ...],
    current: float | None,
    rule: str,
    bset: BenchmarkSet,
    *,
    step: float = 0.1,
    band_value: float | None = None,
    help: str | None = None,
) -> None:
    left, right = _row()
    with left:
        bindings.number_field(
            label,
            path,
            key=key,
            current=current,
            scale=PCT,
            min_value=0.0,
            max_value=RANGES[rule][1] * PCT,
            unit="%",
            help=help,
        )
        show_problems(".".join(path))
    with right:
        components.source_caption(scenario, key.replace("__", "."), path, reset_key=key)
        components.band_caption(key.replace("__", "."), band_value if band_value is not None else current, bset)


def _amount_field(
    scenario: Scenario,
    label: str,
    key: str,
    path: tuple[str, ...],
    current: float | None,
    rule: str,
    *,
    step: float = 100.0,
    unit: str = "€",
    source_key: str | None = None,
    help: str | None = None,
) -> None:
    left, right = _row()
    with left:
        bindings.number_field(
            f"{label} ({unit})",
            path,
            key=key,
            current=current,
            min_value=RANGES[rule][0],
            max_value=RANGES[rule][1],
            places=2 if unit == "€" else 1,
            unit=unit,
            help=help,
        )
        show_problems(".".join(path))
    with right:
        components.source_caption(scenario, source_key or key, path, reset_key=key)


def _set_hours_method() -> None:
    method = st.session_state["w_hours_method"]
    try:
        ev = state.evaluate()
    except NothingToCompute:  # a callback runs before the page guard: leave the norms as they are
        return
    norms = state.raw().setdefault("norms", {})
    for k in ("hours", "productivity", "productive_hours"):
        if k != method:
            norms.pop(k, None)
    # Start the new method at the value in force, so switching changes nothing until edited.
    if method == "productivity":
        norms["productivity"] = round(ev.result.hours.productivity, 4)
    elif method == "productive_hours":
        norms["productive_hours"] = round(ev.result.hours.productive, 1)
    for key in ("productivity", "productive_hours"):
        bindings.forget_widget(key)


def _toggle_simple(current_oncost: float) -> None:
    if st.session_state["w_simple_mode"]:
        set_path(state.raw(), ("norms", "flat_oncost_pct"), round(current_oncost, 4))
    else:
        set_path(state.raw(), ("norms", "flat_oncost_pct"), None)
    bindings.forget_widget("flat_oncost_pct")


def _toggle_reserve() -> None:
    if st.session_state["w_reserve_on"]:
        set_path(state.raw(), ("norms", "reserve"), {"target": 0, "current": 0, "years": 5})
    else:
        set_path(state.raw(), ("norms", "reserve"), None)
    for key in ("reserve_target", "reserve_current", "reserve_years", "reserve_turnover"):
        bindings.forget_widget(key)


def _lines_to_pct(pct: float) -> None:
    set_path(state.raw(), ("norms", "overhead"), {"pct": pct, "convention": "markup"})
    bindings.forget_widget("overhead__pct")
    bindings.forget_widget("overhead_convention")


def render_norms() -> None:
    ev = components.page_header(
        "Normen & opslagen",
        "Alle normen van de kostprijs. Bij elk veld staat waar de waarde vandaan komt (bron, afgeleid, "
        "aanname of eigen invoer) en, waar bekend, de benchmarkband.",
    )
    components.kpi_strip(ev.result)
    scenario, result = ev.scenario, ev.result
    n = scenario.norms
    raw_norms = state.raw().get("norms") or {}
    bset = st.session_state["benchmark_set"]

    # --- Hours ---------------------------------------------------------------------------------
    st.subheader("Uren en productiviteit")
    components.method_caption("3.9")
    method_now = next((k for k in ("productivity", "productive_hours") if raw_norms.get(k) is not None), "hours")
    if "w_hours_method" not in st.session_state:
        st.session_state["w_hours_method"] = method_now
    st.radio(
        "Hoe geeft u de productieve uren op?",
        key="w_hours_method",
        on_change=_set_hours_method,
        options=["hours", "productivity", "productive_hours"],
        format_func={
            "hours": "Urenopbouw",
            "productivity": "Productiviteit (%)",
            "productive_hours": "Productieve uren per FTE",
        }.get,
        horizontal=True,
    )
    method = st.session_state["w_hours_method"]
    hours = result.hours
    if method == "hours":
        h = n.hours
        fields = (
            ("contract", "Contracturen per FTE per jaar", "hours.contract", 1.0),
            ("leave", "Verlof", "hours.leave", 1.0),
            ("public_holidays", "Feestdagen", "hours.public_holidays", 0.1),
        )
        for key, label, rule, step in fields:
            _amount_field(
                scenario,
                label,
                f"hours__{key}",
                ("norms", "hours", key),
                getattr(h, key) if h else None,
                rule,
                step=step,
                unit="uur",
                source_key=f"hours.{key}",
            )
        _pct_field(
            scenario,
            "Ziekteverzuim (% van de contracturen)",
            "hours__sick_pct",
            ("norms", "hours", "sick_pct"),
            h.sick_pct if h else None,
            "hours.sick_pct",
            bset,
        )
        for key, label, rule, step in (
            ("training", "Scholing", "hours.training", 1.0),
            ("meetings", "Teamoverleg, intervisie en supervisie", "hours.meetings", 1.0),
        ):
            _amount_field(
                scenario,
                label,
                f"hours__{key}",
                ("norms", "hours", key),
                getattr(h, key) if h else None,
                rule,
                step=step,
                unit="uur",
                source_key=f"hours.{key}",
            )
        st.info(
            f"Productief: **{format_number(hours.productive, 1)} uur** van {format_number(hours.contract, 1)} "
            f"contracturen = **{format_pct(hours.productivity)}** productiviteit.",
            icon=":material/schedule:",
        )
        left, right = _row()
        with right:
            components.band_caption("productivity", hours.productivity, bset, derived=True)
    elif method == "productivity":
        _pct_field(
            scenario,
            "Productiviteit (% van de contracturen)",
            "productivity",
            ("norms", "productivity"),
            hours.productivity,
            "productivity",
            bset,
        )
    else:
        _amount_field(
            scenario,
            "Productieve uren per FTE per jaar",
            "productive_hours",
            ("norms", "productive_hours"),
            hours.productive,
            "productive_hours",
            step=1.0,
            unit="uur",
            source_key="productive_hours",
        )
        left, right = _row()
        with right:
            components.band_caption("productivity", hours.productivity, bset, derived=True)
    show_problems("norms.hours")
    for p in problems_at("norms"):
        if p.path == "norms":
            st.error(literal(problem_text(p)), icon=":material/warning:")

    # --- Billable ----------------------------------------------------------------------------
    st.subheader("Declarabele uren")
    left, right = _row()
    with left:
        bindings.scenario_widget(
            st.radio,
            "Welke productieve uren zijn declarabel?",
            ("norms", "billable"),
            key="billable",
            current=n.billable,
            options=["productive", "client_bound"],
            format_func={
                "productive": "Alle productieve uren (cliëntgebonden en niet-cliëntgebonden)",
                "client_bound": "Alleen cliëntgebonden uren",
            }.get,
        )
    with right:
        st.caption(
            f"Declarabel per FTE: **{format_number(hours.billable, 1)} uur**. Registratielast (Wmo-element f) "
            "telt hier mee: Movisie (2023) vond 37\u00a0% van de tijd aan administratie, terwijl 19\u00a0% aanvaardbaar wordt gevonden."
        )
    if st.session_state["w_billable"] == "client_bound":
        _pct_field(
            scenario,
            "Aandeel cliëntgebonden uren",
            "client_bound_share",
            ("norms", "client_bound_share"),
            n.client_bound_share,
            "client_bound_share",
            bset,
        )

    # --- Personnel on-costs --------------------------------------------------------------------
    st.subheader("Personeelskosten")
    components.method_caption("3.7", "3.6", "3.16")
    simple = n.flat_oncost_pct is not None or raw_norms.get("flat_oncost_pct") is not None
    current_oncost = effective_oncost(result)
    st.toggle(
        "Eenvoudige modus: één vaste opslag op het salaris",
        value=simple,
        key="w_simple_mode",
        on_change=_toggle_simple,
        args=(current_oncost,),
        help="Vervangt IKB, ORT, loopbaanbudget, premies, pensioen en overige personeelskosten door één "
        "percentage, zoals in veel aanbestedingen. Start op de nu berekende opslag.",
    )
    if simple:
        _pct_field(
            scenario,
            "Vaste opslag werkgeverslasten (% van het jaarsalaris)",
            "flat_oncost_pct",
            ("norms", "flat_oncost_pct"),
            n.flat_oncost_pct,
            "flat_oncost_pct",
            bset,
        )
    else:
        _pct_field(
            scenario,
            "Overige personeelskosten (% van het jaarsalaris)",
            "other_personnel_pct",
            ("norms", "other_personnel_pct"),
            n.other_personnel_pct,
            "other_personnel_pct",
            bset,
            help="Woon-werkverkeer, arbodienst, werving, scholing boven het loopbaanbudget.",
        )
        bindings.scenario_widget(
            st.checkbox,
            "Vakantiegeld, eindejaarsuitkering en ORT zijn pensioengevend",
            ("norms", "pensionable_allowances"),
            key="pensionable",
            current=n.pensionable_allowances,
        )
        st.caption(
            "**aanname** · PFZW noemt vakantietoeslag, eindejaarsuitkering en ORT pensioengevend; te "
            "bevestigen met het pensioenreglement van PFZW (methode §3.6)."
        )

    # --- Overhead ----------------------------------------------------------------------------
    st.subheader("Overhead")
    components.method_caption("3.11")
    oraw = raw_norms.get("overhead") or {}
    if oraw.get("lines"):
        st.markdown(
            "Overhead is bottom-up opgebouwd uit kostenregels, verdeeld over de directe personeelskosten "
            f"(gelijk aan een opslag van **{format_pct(result.overhead_pct)}**)."
        )
        overhead_lines_editor(result)
        st.button(
            "Omzetten naar een percentage", key="btn_lines_to_pct", on_click=_lines_to_pct, args=(result.overhead_pct,)
        )
        components.band_caption("overhead.pct", result.overhead_pct, bset, derived=True)
    else:
        _pct_field(
            scenario,
            "Overheadpercentage",
            "overhead__pct",
            ("norms", "overhead", "pct"),
            n.overhead_pct,
            "overhead.pct",
            bset,
            step=0.5,
        )
        st.button(
            "Opbouwen uit kostenregels",
            key="btn_pct_to_lines",
            on_click=start_lines_from_pct,
            args=(result,),
            help="Vervangt het percentage door kostenregels (management, ondersteuning, "
            "huisvesting, ICT ...); begint met één regel met hetzelfde bedrag per jaar.",
        )
        left, right = _row()
        with left:
            bindings.scenario_widget(
                st.radio,
                "Rekenwijze overhead",
                ("norms", "overhead", "convention"),
                key="overhead_convention",
                current=n.overhead_convention,
                options=["markup", "share"],
                format_func={"markup": "Opslag op de directe kosten", "share": "Aandeel van de integrale kosten"}.get,
            )
            show_problems("norms.overhead")
        with right:
            alternative = ev.evaluation.convention_alternative
            used = CONVENTION_TEXT[result.overhead_convention]
            st.markdown(f"Gebruikt: **{used}**.")
            if alternative is not None:
                diff = alternative.team.tariff_per_hour - result.team.tariff_per_hour
                other = "aandeel" if result.overhead_convention == "markup" else "opslag"
                st.markdown(
                    f"Met hetzelfde percentage als **{other}** wordt het tarief "
                    f"**{format_eur(alternative.team.tariff_per_hour)}** per uur: "
                    f"**{format_eur(abs(diff))} {'hoger' if diff > 0 else 'lager'}**. "
                    "Spreek af welke rekenwijze geldt: hierover praten partijen vaak langs elkaar heen."
                )

    # --- Material and other costs ---------------------------------------------------------------
    st.subheader("Materiële en overige kosten")
    components.method_caption("3.12")
    _amount_field(
        scenario,
        "Materiële en activiteitenkosten per FTE per jaar",
        "material_per_fte",
        ("norms", "material_per_fte"),
        n.material_per_fte,
        "material_per_fte",
        help="Locaties, activiteiten, vrijwilligersvergoedingen.",
    )
    _amount_field(
        scenario,
        "Kosten gemeentelijke verplichtingen per FTE per jaar (Wmo f)",
        "reporting_per_fte",
        ("norms", "reporting_per_fte"),
        n.reporting_per_fte,
        "reporting_per_fte",
        help="Verantwoording en administratie die de gemeente vraagt, als u die apart begroot.",
    )
    _amount_field(
        scenario,
        "Activiteitenbudget per jaar (buiten het uurtarief)",
        "activity_budget",
        ("activity_budget",),
        scenario.activity_budget,
        "activity_budget",
        step=1000.0,
    )

    # --- Surcharges ----------------------------------------------------------------------------
    st.subheader("Risico, innovatie en reserve")
    components.method_caption("3.14")
    _pct_field(
        scenario, "Opslag risico (% van de kostprijs)", "risk_pct", ("norms", "risk_pct"), n.risk_pct, "risk_pct", bset
    )
    _pct_field(
        scenario,
        "Opslag innovatie (% van de kostprijs)",
        "innovation_pct",
        ("norms", "innovation_pct"),
        n.innovation_pct,
        "innovation_pct",
        bset,
    )
    reserve_on = raw_norms.get("reserve") is not None
    st.toggle(
        "Reserveopbouw meerekenen",
        value=reserve_on,
        key="w_reserve_on",
        on_change=_toggle_reserve,
        help="(doelreserve − huidige reserve) / jaren / jaaromzet, als extra opslag op de kostprijs.",
    )
    if reserve_on:
        c1, c2, c3, c4 = st.columns(4)
        with c1:
            bindings.number_field(
                "Doelreserve (€)",
                ("norms", "reserve", "target"),
                key="reserve_target",
                current=0.0,
                min_value=0.0,
                max_value=RANGES["reserve.amount"][1],
                unit="€",
            )
        with c2:
            bindings.number_field(
                "Huidige reserve (€)",
                ("norms", "reserve", "current"),
                key="reserve_current",
                current=0.0,
                min_value=0.0,
                max_value=RANGES["reserve.amount"][1],
                unit="€",
            )
        with c3:
            bindings.number_field(
                "In jaren",
                ("norms", "reserve", "years"),
                key="reserve_years",
                current=5,
                min_value=1,
                max_value=int(RANGES["reserve.years"][1]),
                integer=True,
                unit="jaar",
            )
        with c4:
            bindings.number_field(
                "Jaaromzet (€, leeg = berekend)",
                ("norms", "reserve", "turnover"),
                key="reserve_turnover",
                current=None,
                min_value=0.0,
                max_value=RANGES["reserve.amount"][1],
                unit="€",
            )
        show_problems("norms.reserve")
        if result.reserve is not None:
            st.caption(
                f"Opslag reserveopbouw: **{format_pct(result.reserve.surcharge, 2)}** van de kostprijs "
                f"(omzet {format_eur(result.reserve.turnover, 0)}, {result.reserve.turnover_source})."
            )
    for w in result.warnings:
        if "reserve" in w:
            st.caption(f"ℹ️ {w}")
