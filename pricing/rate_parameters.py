"""Which dated parameter each rate of the chain reads: field of :class:`pricing.costprice.Rates` ->
parameter name in the edition. Its own module, because validation (is the date covered?) and the
chain both need it, and the chain imports validation's types."""

RATE_PARAMETERS = {
    "monthly_factor": "monthly_hours_factor",
    "holiday_pct": "ikb_holiday_pct",
    "year_end_pct": "ikb_year_end_pct",
    "ikb_extra_pct": "ikb_extra_pct",
    "ikb_health": "ikb_health_per_year",
    "career_pct": "career_budget_pct",
    "awf_permanent": "awf_permanent",
    "awf_flexible": "awf_flexible",
    "aof_large": "aof_large",
    "aof_small": "aof_small",
    "whk": "whk",
    "childcare": "childcare_levy",
    "zvw": "zvw_employer",
    "max_premium_wage": "max_premium_wage",
    "op_np": "op_np_total",
    "franchise": "franchise",
    "pension_share": "employer_share",
    "ap": "ap_premium",
    "ap_franchise": "ap_franchise",
    "wia": "wia_excedent_premium",
    "wia_threshold": "wia_excedent_threshold",
    "wia_share": "wia_excedent_employer_share",
    "max_pensionable": "max_pensionable_salary",
    "entry_fractions": "entry_scheme_fractions",
    "floor_hourly": "floor_hourly",
    "minimum_wage_hourly": "statutory_minimum_wage_hourly",
    "labour_market_pct": "labour_market_allowance_pct",
    "labour_market_lowest_scale": "labour_market_allowance_lowest_scale",
    "labour_market_highest_scale": "labour_market_allowance_highest_scale",
    "ort_cap_scale": "ort_cap_scale",
    "ort_cap_step": "ort_cap_step",
    "fcb_pct": "fcb_levy_pct",
    "on_call_weekday_hours": "on_call_weekday_hours",
    "on_call_weekend_hours": "on_call_weekend_hours",
}

# What a peildatum must be covered for (validation refuses a date on which one is missing): every rate
# above, the floor and the contract hours; besides them the CAO salary table.
PRICED_PARAMETERS = frozenset(RATE_PARAMETERS.values()) | {"floor_hourly", "contract_hours"}
