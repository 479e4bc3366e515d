"""Streamlit entry point (minimal until the full app lands): the demo scenario's team tariff."""

import streamlit as st

from pricing.costprice import compute
from pricing.display import shown_team
from pricing.money import format_eur
from pricing.scenario import load_scenario

st.set_page_config(page_title="Reële prijs sociaal werk", layout="wide")
result = compute(load_scenario("examples/voorbeeld.yaml"))
team = shown_team(result.team)
st.title("Reële prijs sociaal werk")
st.metric("Reëel tarief per uur (team)", format_eur(team["tariff_per_hour"]))
st.metric("Jaarbudget", format_eur(team["annual_budget"]))
