"""Forecasts (docs/methode.md section 5.5): dates beyond the published figures are priced on a stated forecast,
marked provisional everywhere, with the EUR effect of each forecast value; the scenario's own
forecast is validated with Dutch messages."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from pricing.costprice import compute
from pricing.display import result_json
from pricing.evaluation import evaluate
from pricing.scenario import ScenarioError, validate_scenario

CASE = yaml.safe_load((Path(__file__).parent / "cases" / "forecast_2027_scale14.yaml").read_text(encoding="utf-8"))


def _scenario(**changes) -> dict:
    raw = copy.deepcopy(CASE["scenario"])
    raw.update(changes)
    return raw


def test_the_golden_2027_case_is_provisional_and_names_each_forecast_value():
    result = compute(validate_scenario(_scenario()))
    doc = result_json(result)
    assert doc["provisional"] is True and doc["parameters_edition"]["id"] == "2026-12"
    by_key = {f["key"]: f for f in doc["forecast"]}
    assert {"zvw_employer", "max_premium_wage", "op_np_total", "franchise", "cao_rise_pct"} <= set(by_key)
    for entry in doc["forecast"]:
        assert entry["reasoning"] and entry["origin"] == "editie"
    for key, effect in CASE["expected_forecast"]["effect_per_hour"].items():
        assert by_key[key]["effect_per_hour"] == pytest.approx(effect, abs=0.01)
    assert all(f["effect_per_hour"] == 0 for k, f in by_key.items() if k != "cao_rise_pct")  # carried over
    # The used parameters say where the value comes from: an assumption with the forecast's reasoning.
    zvw = next(p for p in doc["parameters"] if p["key"] == "zvw_employer")
    assert zvw["status"] == "assumption" and "prognose" in zvw["source"]


def test_a_date_inside_the_published_figures_is_definitive():
    doc = result_json(compute(validate_scenario(_scenario(date="2026-07-01"))))
    assert doc["provisional"] is False and doc["forecast"] == []


def test_the_scenario_forecast_replaces_the_editions_and_moves_the_tariff():
    base = compute(validate_scenario(_scenario()))
    own = validate_scenario(
        _scenario(forecast={"zvw_employer": {"value": 0.07, "reasoning": "Verwachting CPB"}, "cao_rise_pct": 0.0})
    )
    result = compute(own)
    assert result.team.tariff_per_hour < base.team.tariff_per_hour  # no CAO rise outweighs the higher levy
    ev = evaluate(own)
    uses = {u.key: u for u in ev.forecast}
    assert ev.provisional and uses["zvw_employer"].origin == "scenario"
    assert uses["zvw_employer"].reasoning == "Verwachting CPB" and uses["zvw_employer"].value == 0.07
    assert uses["zvw_employer"].effect_per_hour > 0 and uses["cao_rise_pct"].effect_per_hour == 0
    # Only the levy changed against the no-rise tariff: its effect is the whole difference.
    no_rise = compute(validate_scenario(_scenario(forecast={"cao_rise_pct": 0.0})))
    assert uses["zvw_employer"].effect_per_hour == pytest.approx(
        result.team.tariff_per_hour - no_rise.team.tariff_per_hour
    )


@pytest.mark.parametrize(
    "forecast, path, fragment",
    [
        ({"zvw_employer": 7}, "forecast.zvw_employer", "buiten het toegestane bereik"),
        ({"cao_rise_pct": 0.5}, "forecast.cao_rise_pct", "tot en met 0,2"),
        ({"onbekend": 0.1}, "forecast.onbekend", "onbekende prognosewaarde"),
        ({"zvw_employer": "veel"}, "forecast.zvw_employer", "verwacht een getal"),
        ({"zvw_employer": {"reasoning": "x"}}, "forecast.zvw_employer.value", "ontbreekt"),
        ([0.1], "forecast", "verwacht een mapping"),
    ],
)
def test_a_malformed_scenario_forecast_is_refused_in_dutch(forecast, path, fragment):
    with pytest.raises(ScenarioError) as info:
        validate_scenario(_scenario(forecast=forecast))
    found = {p.path: p.message for p in info.value.problems}
    assert path in found and fragment in found[path], found


@pytest.mark.parametrize(
    "forecast, path, fragment",
    [
        ({"ort_cap_scale": 50}, "forecast.ort_cap_scale", "schaal 50 staat niet in de salaristabel"),
        ({"ort_cap_scale": 0}, "forecast.ort_cap_scale", "toegestaan zijn: 1 tot en met 14"),
        ({"ort_cap_step": {"value": 20, "reasoning": "x"}}, "forecast.ort_cap_step.value", "trede 20 staat niet"),
        ({"labour_market_allowance_highest_scale": 15}, "forecast.labour_market_allowance_highest_scale", "schaal 15"),
        # Scale 1 stops below step 11 (the edition's cap step): no wage to cap the ORT with.
        ({"ort_cap_scale": 1}, "forecast.ort_cap_scale", "schaal 1 trede 11 heeft geen bedrag"),
        ({"ort_cap_scale": 14, "ort_cap_step": 13}, "forecast.ort_cap_step", "schaal 14 trede 13 heeft geen bedrag"),
    ],
)
def test_a_forecast_scale_or_step_outside_the_salary_table_is_refused(forecast, path, fragment):
    # Before, such a number was accepted and the chain found no cell: the ORT went uncapped without a word.
    with pytest.raises(ScenarioError) as info:
        validate_scenario(_scenario(forecast=forecast))
    found = {p.path: p.message for p in info.value.problems}
    assert path in found and fragment in found[path], found


def test_a_forecast_cap_inside_the_salary_table_caps_the_ort():
    staff = [
        {"function": "Jongerenwerker", "scale": 8, "step": 5, "fte": 1, "contract": "permanent", "irregular_pct": 0.05}
    ]
    capped = compute(validate_scenario(_scenario(staff=staff, forecast={"ort_cap_scale": 4, "ort_cap_step": 3})))
    edition = compute(validate_scenario(_scenario(staff=staff)))
    low, high = capped.lines[0].cost, edition.lines[0].cost
    assert low.ort_cap_salary is not None and high.ort_cap_salary is not None
    assert low.ort_cap_salary < high.ort_cap_salary
    assert low.irregular == pytest.approx(0.05 * low.ort_cap_salary) and low.irregular < high.irregular


def test_beyond_the_forecast_the_message_names_what_is_missing_without_file_editing():
    with pytest.raises(ScenarioError) as info:
        validate_scenario(_scenario(date="2031-02-01"))
    message = " ".join(p.message for p in info.value.problems)
    assert "2031" in message and "31 december 2030" in message and "pricing/parameters" not in message


def test_without_a_forecast_the_message_offers_the_forecast_route(param_dir):
    from pricing.parameters import load_parameter_book

    (param_dir / "forecast.yaml").unlink()
    book = load_parameter_book(param_dir)
    with pytest.raises(ScenarioError) as info:
        validate_scenario(_scenario(), book)
    message = " ".join(p.message for p in info.value.problems)
    assert "geen prognose" in message and "Prognose voor jaren zonder gepubliceerde cijfers" in message
    assert "forecast:" in message and "pricing/parameters" not in message


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_and_xlsx_name_the_edition_and_mark_a_forecast_price_provisional():
    import io

    from openpyxl import load_workbook

    from pricing.report.pdf import build_offer_pdf
    from pricing.report.xlsx import build_workbook

    for date, provisional in (("2027-07-01", True), ("2026-07-01", False)):
        ev = evaluate(validate_scenario(_scenario(date=date)))
        text = " ".join(_pdf_text(build_offer_pdf(ev)).split())
        assert "Parametereditie 2026-12" in text and ev.edition.fingerprint[:12] in text
        assert ("VOORLOPIG" in text and "Prognosewaarden" in text) is provisional
        wb = load_workbook(io.BytesIO(build_workbook(ev)))
        readme = " ".join(str(c.value) for row in wb["Toelichting"].iter_rows() for c in row if c.value)
        assert ev.edition.fingerprint in readme
        params = [c.value for row in wb["Parameters"].iter_rows() for c in row if c.value]
        assert ("VOORLOPIG" in readme and "Prognosewaarden (voorlopige prijs)" in params) is provisional


def test_a_forecast_cap_whose_step_cannot_go_back_alone_gets_the_effect_of_the_whole_cap():
    # Scale 6 step 8 has an amount; the edition's step 11 with the forecast's scale 6 has none, so the
    # step's effect cannot put back step 11 alone. Before, computing that effect raised
    # ParameterFileError out of the evaluation (a traceback on every page with this forecast).
    staff = [
        {"function": "Jongerenwerker", "scale": 8, "step": 5, "fte": 1, "contract": "permanent", "irregular_pct": 0.1}
    ]
    evaluation = evaluate(validate_scenario(_scenario(staff=staff, forecast={"ort_cap_scale": 6, "ort_cap_step": 8})))
    result, uses = evaluation.result, {u.key: u for u in evaluation.forecast}
    edition = compute(validate_scenario(_scenario(staff=staff))).team.tariff_per_hour
    alone = compute(validate_scenario(_scenario(staff=staff, forecast={"ort_cap_step": 8}))).team.tariff_per_hour
    whole = result.team.tariff_per_hour - edition
    assert whole != pytest.approx(0)  # the cap moved the tariff, so the effects below say something
    assert uses["ort_cap_step"].effect_per_hour == pytest.approx(whole)
    assert uses["ort_cap_scale"].effect_per_hour == pytest.approx(result.team.tariff_per_hour - alone)


def test_priced_dates_are_exactly_the_peildata_validation_accepts():
    """The span the app names when it refuses an edition (ui/state.nothing_computes_text) is the one
    the date check uses: its first and last day pass, the days just outside do not."""
    import datetime as dt

    from pricing.forecast import date_coverage_problem, priced_dates
    from pricing.parameters import default_parameter_book
    from pricing.rate_parameters import PRICED_PARAMETERS

    book = default_parameter_book()
    first, last = priced_dates(book)
    assert (first, last) == (dt.date(2024, 1, 1), dt.date(2030, 12, 31))
    day = dt.timedelta(days=1)
    for date, covered in ((first - day, False), (first, True), (last, True), (last + day, False)):
        assert (date_coverage_problem(book, PRICED_PARAMETERS, date) is None) is covered, date


def test_priced_dates_start_with_the_rates_even_when_the_salary_table_starts_later():
    """Own monthly salaries price before the table's first date (tests/test_ort_cap_cells.py), so the
    span the date check and the refusal name starts with the rates, not with the table."""
    import datetime as dt

    import msgspec

    from pricing.forecast import date_coverage_problem, priced_dates
    from pricing.parameters import default_parameter_book
    from pricing.rate_parameters import PRICED_PARAMETERS

    shipped = default_parameter_book()
    book = msgspec.structs.replace(
        shipped, salary=msgspec.structs.replace(shipped.salary, valid_from=dt.date(2025, 1, 1))
    )
    assert priced_dates(book) == priced_dates(shipped)
    assert date_coverage_problem(book, PRICED_PARAMETERS, priced_dates(book)[0]) is None
