"""Page 3: Kostprijs (waterfall, per-function table, team tariff, Wmo/Jeugdwet checklist)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from pricing.breakdown import cao_rule_effects, tariff_waterfall
from pricing.compliance import ROUNDING_EXPLANATION, ROUNDING_LABEL, rounding_difference
from pricing.costprice import CostPriceResult
from pricing.display import shown_line, shown_team
from pricing.method import pointer_text, section_for_used
from pricing.money import format_date_nl, format_eur, format_number, format_pct, format_unit
from pricing.parameters import STATUS_LABELS, markdown_text
from pricing.scenario import CONTRACT_LABELS
from pricing.used_values import UsedValue
from ui import charts, components, state
from ui import sensitivity as sensitivity_view
from ui.forecast import edition_line, render_forecast_form


def _value_text(u: UsedValue) -> str:
    """A used value as shown; a list of fractions as whole percentages, text (a table date, a label) as given."""
    return format_unit(u.value, u.unit, pct_places=0 if isinstance(u.value, tuple) else 1)


def render_costprice() -> None:
    ev = components.page_header(
        "Kostprijs",
        "Van salaris naar reëel tarief, per declarabel uur. Alle bedragen zijn afgerond op centen; de "
        "getoonde delen tellen op tot de getoonde totalen.",
    )
    result = ev.result
    components.kpi_strip(result)
    st.caption(":material/inventory_2: " + edition_line(ev.evaluation))
    if ev.evaluation.tariff_band is not None:
        st.markdown(f"**{sensitivity_view.band_caption(ev.evaluation.tariff_band)}** · zie Gevoeligheid hieronder")
    conv = "opslag" if result.overhead_convention == "markup" else "aandeel"
    st.caption(
        f"Peildatum {format_date_nl(result.date)} · overhead {format_pct(result.overhead_pct)} als {conv}"
        f" · {format_number(result.hours.billable, 1)} declarabele uren per FTE"
        + (" · eenvoudige modus" if result.simple_mode else "")
    )
    if ev.evaluation.provisional:  # on a forecast the form comes first: it decides part of the tariff
        render_forecast_form(ev)

    st.subheader("Van salaris naar tarief (team, per declarabel uur)")
    components.method_caption("3", "4")
    waterfall = state.per_evaluation(
        "waterfall", ev.evaluation, lambda: charts.tariff_waterfall(tariff_waterfall(result))
    )
    st.plotly_chart(waterfall, key="chart_waterfall", config={"displayModeBar": False})

    rules = cao_rule_effects(result)
    # Closed expanders here build their content only once opened (a closed expander's table would
    # still be built and sent on every rerun).
    rules_shown = (
        st.expander("Wat de cao-regels bijdragen (team, per jaar)", key="exp_costprice_rules", on_change="rerun")
        if rules
        else None
    )
    if rules_shown is not None and rules_shown.open:
        with rules_shown:
            components.static_table(
                pd.DataFrame(
                    [
                        {
                            "Regel": r.rule,
                            "Artikel": r.article,
                            "Effect": format_eur(r.amount) if r.unit == "eur" else f"{format_number(r.amount, 1)} uur",
                            "Toelichting": r.explanation,
                        }
                        for r in rules
                    ]
                ),
                key="table_cao_rules",
            )
            st.caption("Bedragen vóór overhead, materieel en opslagen; uren gaan af van de productieve uren.")

    st.subheader("Per functie")
    st.dataframe(
        state.per_evaluation("lines_table", ev.evaluation, lambda: _lines_table(result)),
        hide_index=True,
        key="table_lines",
        width="stretch",
        # Widths that fit the page from 1280 px wide (818 px) without a sideways scroll; the long
        # headers are short, their full names in the help.
        column_config={
            "Functie": st.column_config.TextColumn(width=148),
            "Schaal/trede": st.column_config.TextColumn("Schaal", width=50, help="Schaal/trede"),
            "FTE": st.column_config.TextColumn(width=45),
            "Contract": st.column_config.TextColumn(width=60),
            "Maandsalaris": st.column_config.TextColumn(width=88),
            "Personeelskosten/FTE": st.column_config.TextColumn(
                "Kosten/FTE", width=82, help="Personeelskosten per FTE"
            ),
            "Kostprijs/uur": st.column_config.TextColumn(width=85),
            "Tarief/uur": st.column_config.TextColumn(width=70),
            "Prijs per FTE": st.column_config.TextColumn(width=88),
            "Budget": st.column_config.TextColumn(width=97),
        },
    )
    team = shown_team(result.team)
    st.markdown(
        f"**Teamtarief {format_eur(team['tariff_per_hour'])} per uur** · personeelsbudget "
        f"{format_eur(team['staff_budget'])} + activiteitenbudget {format_eur(team['activity_budget'])} = "
        f"**jaarbudget {format_eur(team['annual_budget'])}**"
    )
    # Each line's budget is rounded to cents on its own; added up they can miss the staff budget by
    # a cent, which a controller adding up the column would see without an explanation.
    lines_total = state.per_evaluation(
        "lines_budget_total",
        ev.evaluation,
        lambda: sum((shown_line(line)["budget"] for line in result.lines), Decimal(0)),
    )
    if lines_total != team["staff_budget"]:
        st.caption(
            f"De budgetten per functie zijn elk op centen afgerond; opgeteld ({format_eur(lines_total)}) wijken ze "
            f"{format_eur(abs(team['staff_budget'] - lines_total))} af van het personeelsbudget."
        )

    st.subheader("Gevoeligheid en risicoband")
    st.caption(
        "Elke balk zet één aanname op de onder- en bovengrens van haar bandbreedte en rekent de keten "
        "opnieuw door; de grootste invloed staat bovenaan. Bandbreedtes uit de benchmarkset hebben een "
        "bron, de andere zijn een aanname (±10\u00a0% van de gebruikte waarde)."
    )
    sensitivity_view.render_sensitivity(ev.evaluation)

    st.subheader("Wettelijke kostenelementen")
    components.method_caption("2")
    st.caption(
        "Wmo 2015 art. 2.6.6 met Uitvoeringsbesluit Wmo art. 5.4 lid 3 (a-f) en Besluit Jeugdwet "
        "art. 2.3 (a-d). Elke euro van het tarief staat op precies één regel."
    )
    # One below the other: the explanations need the full width to be readable.
    for title, elements in (("Wmo 2015 (a-f)", ev.evaluation.wmo), ("Jeugdwet (a-d)", ev.evaluation.jeugdwet)):
        st.markdown(f"**{title}**")
        rows = [
            {
                "Gedekt": "ja" if e.covered else "nee",
                "Element": f"{e.code}. {e.label}" if e.law else f"+ {e.label}",
                "€/uur": format_eur(e.per_hour),
                "Toelichting": e.explanation,
            }
            for e in elements
        ]
        difference = rounding_difference(elements, result.team.tariff_per_hour)
        if difference:
            rows.append(
                {
                    "Gedekt": "",
                    "Element": ROUNDING_LABEL,
                    "€/uur": format_eur(difference),
                    "Toelichting": ROUNDING_EXPLANATION,
                }
            )
        components.static_table(
            pd.DataFrame(rows),
            key=f"table_{title[:3].lower()}",
            light="Gedekt",
        )
    book = state.book()
    used_shown = st.expander("Gebruikte parameters en bronnen", key="exp_costprice_used", on_change="rerun")
    if used_shown.open:
        used_shown.dataframe(
            pd.DataFrame(
                [
                    {
                        "Parameter": u.label,
                        "Waarde": _value_text(u),
                        "Status": STATUS_LABELS.get(u.status, u.status),
                        "Geldig vanaf": format_date_nl(u.effective) if u.effective else "",
                        "Methode": pointer_text(section_for_used(u, book)),
                        "Bron": u.source,
                    }
                    for u in result.used
                ]
            ),
            hide_index=True,
            key="table_used",
        )
        # The table truncates long cells; the sources once more in full, with their links clickable.
        used_shown.markdown(
            "**Bronnen in deze berekening**\n\n"
            + "\n".join(f"- {markdown_text(source)}" for source in dict.fromkeys(u.source for u in result.used))
        )
        with used_shown:
            components.method_caption("5")
    for w in result.warnings:
        st.info(w, icon=":material/info:")
    if not ev.evaluation.provisional:
        render_forecast_form(ev, lazy=True)


def _lines_table(result: CostPriceResult) -> pd.DataFrame:
    """The per-function table: shown (rounded) figures per staff line."""
    rows = []
    for line in result.lines:
        shown = shown_line(line)
        rows.append(
            {
                "Functie": line.function,
                "Schaal/trede": f"{line.scale}/{line.step}",
                "FTE": format_number(line.fte, 2),
                "Contract": CONTRACT_LABELS.get(line.contract, line.contract),
                "Maandsalaris": format_eur(shown["monthly_salary"]),
                "Personeelskosten/FTE": format_eur(shown["personnel_cost_per_fte"]),
                "Kostprijs/uur": format_eur(shown["cost_price_per_hour"]),
                "Tarief/uur": format_eur(shown["tariff_per_hour"]),
                "Prijs per FTE": format_eur(shown["price_per_fte"]),
                "Budget": format_eur(shown["budget"]),
            }
        )
    return pd.DataFrame(rows)
