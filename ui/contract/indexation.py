"""The indexation clause's fields: wage weight, catch-up, definitive figures, assumed and municipal
index, first-year catch-up and reference month (the per-year table is ui/index_editor.py's)."""

from __future__ import annotations

import streamlit as st

from pricing.model.contract import (
    CATCH_UP_LABELS,
    DEFAULT_FIRST_YEAR_CATCH_UP,
    DEFAULT_REFERENCE_MONTH,
    DEFINITIVE_RULES,
)
from pricing.money import MONTHS_NL
from ui.contract.fields import bound_ix, pct_field, raw_contract


def indexation_section() -> None:
    c1, c2, c3 = st.columns(3)
    with c1:
        pct_field(
            "Gewicht loonindex OVA (%)",
            ("indexation", "wage_weight"),
            "contract_ix_wage_weight",
            default=0.9,
            low=0.0,
            high=100.0,
            help="De VNG adviseert 90 % OVA en 10 % PPC. Een andere weging is een eigen keuze en staat zo "
            "in de offerte.",
        )
        options = list(CATCH_UP_LABELS)
        bound_ix(
            st.selectbox,
            "Inhaalmethode",
            "catch_up",
            default="ratio",
            options=options,
            format_func=lambda v: CATCH_UP_LABELS[v],
            to_widget=lambda v: v if v in options else "ratio",
        )
    with c2:
        rules = list(DEFINITIVE_RULES)
        bound_ix(
            st.selectbox,
            "Als definitieve cijfers komen",
            "definitive",
            default="next_year",
            options=rules,
            format_func=lambda v: DEFINITIVE_RULES[v],
            to_widget=lambda v: v if v in rules else "next_year",
        )
        # Three decimals, as the budget shows the index (3,944 %, not 3,94 %).
        pct_field(
            "Aangenomen index voor jaren zonder cijfers (%)",
            ("indexation", "assumed_pct"),
            "contract_ix_assumed_pct",
            default=None,
            places=3,
            low=-20.0,
            high=30.0,
            help="Alleen voor jaren zonder eigen voorlopige OVA/PPC-cijfers (na 2025 nog niet gepubliceerd). "
            "Leeg = geen aanname (dan geeft de controle een fout voor zulke jaren). Wordt in de offerte "
            "als aanname getoond.",
        )
    with c3:
        current = (
            (raw_contract().get("indexation") or {}).get("municipal_pct")
            if isinstance(raw_contract().get("indexation"), dict)
            else None
        )
        if isinstance(current, dict):
            st.caption("Indexatie door de gemeente staat per jaar in het scenariobestand.")
        else:
            pct_field(
                "Indexatie die de gemeente toepast (%)",
                ("indexation", "municipal_pct"),
                "contract_ix_municipal_pct",
                default=None,
                low=-20.0,
                high=30.0,
                help="Voor de kosten van niet-indexeren. Leeg = de gemeente indexeert niet (0 %).",
            )
    c4, c5 = st.columns(2)
    with c4:
        bound_ix(
            st.checkbox,
            "Inhaal in het eerste indexatiejaar (VNG-methode)",
            "first_year_catch_up",
            default=DEFAULT_FIRST_YEAR_CATCH_UP,
            to_widget=lambda v: v if isinstance(v, bool) else False,
            convert=bool,
            help="Uit (standaard): het eerste indexatiejaar krijgt geen inhaal over het basisjaar, omdat het "
            "prijspeil bottom-up uit de cao-lonen op de peildatum is berekend en niet op voorlopige "
            "cijfers rust; inhaal zou die loonstijging dubbel betalen. Aan: zoals de VNG-methode, ook in "
            "het eerste jaar inhaal (bijvoorbeeld als de gemeente dat als standaard hanteert).",
        )
    with c5:
        months = list(range(1, 13))
        bound_ix(
            st.selectbox,
            "Peilmaand (in het jaar vóór het indexatiejaar)",
            "reference_month",
            default=DEFAULT_REFERENCE_MONTH,
            options=months,
            format_func=lambda m: MONTHS_NL[m - 1],
            to_widget=lambda v: v if v in months else DEFAULT_REFERENCE_MONTH,
            convert=int,
            help="De maand waarvan de gepubliceerde OVA/PPC-cijfers de indexatie per 1 januari bepalen. "
            "September is de standaardkeuze van dit model (aanname, geen bron).",
        )
