"""The contract's general fields: name, municipality, round, funding, start, term and discount rate."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pricing.model.contract import DEFAULT_DISCOUNT_RATE, DISCOUNT_SOURCE, FUNDING_VARIANTS
from ui import bindings
from ui.contract.fields import bound, pct_field, raw_contract


def general_section() -> None:
    c1, c2 = st.columns(2)
    with c1:
        bound(st.text_input, "Naam van het contract", "name", default="", convert=lambda v: v or None)
        bound(st.text_input, "Gemeente", "municipality", default="", convert=lambda v: v or None)
        bound(st.text_input, "Ronde (aanbesteding, inschrijving)", "round", default="", convert=lambda v: v or None)
    with c2:
        options = list(FUNDING_VARIANTS)
        bound(
            st.selectbox,
            "Bekostiging",
            "funding",
            default="taakgericht",
            options=options,
            format_func=lambda v: FUNDING_VARIANTS[v][0],
            to_widget=lambda v: v if v in options else "taakgericht",
        )
        bound(
            st.date_input,
            "Startdatum",
            "start",
            default=dt.date(dt.date.today().year + 1, 1, 1),
            to_widget=lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)),
            convert=lambda v: v.isoformat() if isinstance(v, dt.date) else None,
            format="DD-MM-YYYY",
        )
        cols = st.columns(2)
        with cols[0]:
            bindings.number_field(
                "Looptijd (jaren)",
                ("contract", "years"),
                key="contract_years",
                current=4,
                min_value=1,
                max_value=15,
                integer=True,
                unit="jaar",
            )
        with cols[1]:
            pct_field(
                "Discontovoet (%)",
                ("discount_rate",),
                "contract_discount_rate",
                default=DEFAULT_DISCOUNT_RATE,
                low=-5.0,
                high=25.0,
                help=DISCOUNT_SOURCE,
            )
    funding = raw_contract().get("funding")
    if funding in FUNDING_VARIANTS:
        st.caption(FUNDING_VARIANTS[funding][1])
