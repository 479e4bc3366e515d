"""The offer PDF: the rows each section produces, the text pypdf extracts, page numbering, the
embedded font, and hostile user text that must print literally."""

from __future__ import annotations

import copy
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from pricing.compliance import jeugdwet_elements, rounding_difference, wmo_elements  # noqa: E402
from pricing.contract import contract_budget  # noqa: E402
from pricing.costprice import compute  # noqa: E402
from pricing.display import shown_line, shown_team  # noqa: E402
from pricing.money import format_eur, round_half_up  # noqa: E402
from pricing.report import pdf  # noqa: E402
from pricing.scenario import read_scenario_file, validate_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")
GENERATED = dt.date(2026, 9, 1)


def _text(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # A non-breaking space keeps "€" with its amount; compare with plain spaces.
    return [page.extract_text().replace("\xa0", " ") for page in reader.pages]


@pytest.fixture(scope="module")
def demo():
    result = compute(validate_scenario(copy.deepcopy(DEMO)))
    content = pdf.offer_content(result, generated=GENERATED)
    data = pdf.render(content)
    return result, content, data, _text(data)


def test_every_page_says_pagina_x_van_y(demo):
    _, _, data, pages = demo
    n = len(pages)
    assert 10 <= n <= 20  # the appendix cites every source with its link (and lists the CAO rules' parameters)
    for i, text in enumerate(pages, start=1):
        assert f"pagina {i} van {n}" in text


def test_dejavu_is_embedded(demo):
    _, _, data, _ = demo
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert any("DejaVuSans" in name for name in fonts)
    assert all("DejaVuSans" in name for name in fonts), sorted(fonts)
    # TrueType subsets carry their font program: a descendant with a FontFile2.
    for font in fonts.values():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_sections_appear_in_order(demo):
    _, _, _, pages = demo
    text = "\n".join(pages)
    titles = [
        "Offerte",
        "1. Samenvatting",
        "2. Opgaven en gebieden",
        "3. Formatie en activiteiten",
        "4. Kostprijsopbouw per functie",
        "5. Onderbouwing met benchmarks",
        "6. Wettelijke kostenelementen",
        "7. Gevoeligheid en risicoband",
        "8. Meerjarenbegroting",
        "Indexatieclausule",
        "Kosten van niet-indexeren",
        "Contante waarde",
        "9. Varianten",
        "10. Maatschappelijk rendement (schatting)",
        "Bijlage. Gebruikte parameters",
        "Ondertekening",
    ]
    at = 0
    for title in titles:  # each title after the previous one
        found = text.find(title, at)
        assert found >= 0, f"{title!r} missing or out of order"
        at = found + len(title)


def test_cover_rows(demo):
    _, content, _, pages = demo
    rows = dict(pdf.cover_rows(content))
    assert rows["Organisatie"] == "Stichting Welzijn De Brug (fictief)"
    assert rows["Gemeente"] == "Gemeente Voorbeeldstad (fictief)"
    assert rows["Contract"] == "Sociaal werk Voorbeeldstad 2027-2030"
    assert rows["Ronde"].startswith("Aanbesteding sociaal werk 2027")
    assert rows["Looptijd"] == "1 januari 2027 t/m 31 december 2030 (4 jaar)"
    assert rows["Peildatum kostprijs"] == "1 juli 2026"
    assert rows["Datum offerte"] == "1 september 2026"
    assert "Stichting Welzijn De Brug (fictief)" in pages[0] and "1 september 2026" in pages[0]


def test_summary_rows_read_the_results(demo):
    result, content, _, pages = demo
    rows = dict(pdf.summary_rows(content))
    team = shown_team(result.team)
    assert rows["Reëel tarief per uur (team)"] == format_eur(team["tariff_per_hour"]) == "€ 71,14"
    budget = content.budget
    assert rows["Contractbudget 2027"] == "€ 4.726.977,02"
    assert rows["Contractbudget 2027-2030 (totaal)"] == format_eur(budget.grand_total)
    assert rows["Contante waarde in prijzen van 2026"] == f"{format_eur(budget.npv)} (reële discontovoet 2,25 %)"
    assert "Contante waarde van het contract" not in rows
    assert rows["Formatie van de organisatie"].endswith(" FTE") and "Formatie (staff)" not in rows
    assert rows["Verlies aan sociaal werk in 2030"] == "3,22 FTE"
    assert "€ 71,14" in pages[1] and "€ 1.181.744,26" in pages[1]  # quarterly instalment of a task budget


def test_task_area_staffing_and_activity_rows(demo):
    _, content, _, pages = demo
    tasks = pdf.task_rows(content)
    assert [t["name"] for t in tasks] == ["Samen redzaam in de wijk", "Bestaanszekerheid", "Jeugd veilig en kansrijk"]
    assert tasks[0]["indicators"][0] == ("Ernstig eenzame 75-plussers", "%", "14", "11", "Gezondheidsmonitor GGD")
    assert tasks[1]["indicators"][1][2:4] == ("1.150", "1.000")
    areas = pdf.area_rows(content)
    assert areas[0] == ("Gebied", "CBS-code", "Inwoners", "FTE", "Budget 2027")
    assert areas[1][:4] == ("Noord", "WK099901", "21.400", "16,00")
    assert areas[-1][0] == "Wijkoverstijgend"
    staffing = pdf.staffing_rows(content)
    assert len(staffing) == 1 + 25 + 1
    assert staffing[-1][0] == "Totaal" and staffing[-1][3] == "43,50"
    hours_line = next(r for r in staffing if r[4] == "700")
    assert hours_line[2] == "Sociaal raadsman" and hours_line[5].endswith("/uur")
    activities = pdf.activity_rows(content)
    assert activities[-1] == ("Totaal", "", "", "€ 85.000,00")
    text = "\n".join(pages)
    assert "Gezondheidsmonitor GGD" in text and "Spreekuur" not in text  # YAML comments never leak


def test_costprice_rows_match_the_shown_line(demo):
    result, content, _, _ = demo
    tables = pdf.costprice_rows(content)
    assert len(tables) == 2
    first = tables[0]
    assert first[0][1].startswith("Sociaal werker\nschaal 8, trede 5")
    by_label = {row[0]: row for row in first}
    shown = shown_line(result.lines[0])
    assert by_label["Reëel tarief per uur"][1] == format_eur(shown["tariff_per_hour"]) == "€ 69,94"
    assert by_label["Prijs per FTE per jaar"][1] == "€ 98.281,16"
    assert by_label["Personeelskosten per FTE"][1] == "€ 73.134,88"
    assert "Vaste opslag werkgeverslasten" not in by_label  # zero outside simple mode
    sources = dict(pdf.costprice_source_rows(content))
    assert any("aanname" in v for v in sources.values())


def test_benchmark_rows_show_the_band_and_the_reason():
    raw = copy.deepcopy(DEMO)
    raw["norms"]["overhead"]["pct"] = 0.40
    raw["deviation_reasons"] = {"overhead.pct": "Eigen huisvesting & <b>ICT</b> in de overhead"}
    result = compute(validate_scenario(raw))
    content = pdf.offer_content(result, generated=GENERATED)
    rows = {r[0]: r for r in pdf.benchmark_rows(content)}
    assert rows["Overhead"][1:] == (
        "40,0 %",
        "20,0 % – 33,0 %",
        "buiten de band, met toelichting",
        "Eigen huisvesting & <b>ICT</b> in de overhead",
    )
    assert rows["Productiviteit (afgeleid)"][3] == "binnen de band"
    text = " ".join(" ".join(_text(pdf.render(content))).split())
    assert "Eigen huisvesting & <b>ICT</b> in de overhead" in text


def test_compliance_rows_list_each_legal_element_and_add_up_to_the_tariff(demo):
    result, content, _, _ = demo
    for law, codes, elements in (
        ("Wmo", "abcdef", wmo_elements(result)),
        ("Jeugdwet", "abcd", jeugdwet_elements(result)),
    ):
        rows = pdf.compliance_rows(content, law)
        assert [r[0] for r in rows[1 : 1 + len(codes)]] == list(codes)
        # The lines, the cent by which they miss the tariff as shown (the demo has one), the tariff.
        assert len(rows) == 1 + len(elements) + 1 + 1
        assert rows[-2][1:3] == (
            "Afrondingsverschil",
            format_eur(rounding_difference(elements, result.team.tariff_per_hour)),
        )
        assert rows[-1][1:3] == ("Reëel tarief per uur (team)", "€ 71,14")
        shown = sum(round_half_up(e.per_hour, 2) for e in elements) + rounding_difference(
            elements, result.team.tariff_per_hour
        )
        assert shown == Decimal("71.14")
        total = sum(e.per_hour for e in elements)
        assert total == pytest.approx(result.team.tariff_per_hour, abs=1e-6)
    wmo_a = next(e for e in wmo_elements(result) if e.code == "a")
    assert pdf.compliance_rows(content, "Wmo")[1][2] == format_eur(wmo_a.per_hour)


def test_budget_rows(demo):
    _, content, _, pages = demo
    years = pdf.year_rows(content)
    assert years[0] == ("Jaar", "Index", "Herkomst", "Factor", "Formatie", "Activiteiten", "Totaal")
    assert [r[0] for r in years[1:]] == ["2027", "2028", "2029", "2030", "Totaal"]
    assert years[1][1:3] == ("3,944 %", "aanname")
    assert years[-1][-1] == "€ 20.552.570,72"
    (areas,) = pdf.grouped_rows(content, "area")
    assert areas[0] == ("Gebied", "2027", "2028", "2029", "2030", "Totaal")
    assert areas[-1][1] == "€ 4.726.977,02" and areas[-1][-1] == "€ 20.552.570,71"  # sum of the shown areas
    (prices,) = pdf.price_basis_rows(content)
    assert prices[1][:3] == ("Sociaal werker", "€ 69,94", "€ 98.281,16")
    ni = pdf.non_indexation_rows(content)
    assert ni[1][1] == "2,00 %" and ni[-1][5] == "€ 967.337,93" and ni[-1][6] == "3,22"
    options = pdf.option_rows(content)
    assert [r[0] for r in options[1:]] == ["Basis", "Plus", "Sober"]
    text = "\n".join(pages)
    assert "90 % OVA (loonkosten) en 10 % PPC (prijzen)" in text
    assert "€ 967.337,93" in text and "€ 18.015.573,26" in text  # NPV in 2026 prices
    assert "Contante waarde in prijzen van 2026" in text and "reëel" in text
    assert options[0][-1] == "Contante waarde (prijzen 2026)"


def test_settlement_column_appears_with_nacalculatie():
    raw = read_scenario_file(ROOT / "tests" / "cases" / "contract_catch_up_and_settlement.yaml")["scenario"]
    content = pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED)
    rows = pdf.year_rows(content)
    assert "Nacalculatie" in rows[0]
    assert rows[1][rows[0].index("Nacalculatie")] == "€ 1.934,40"
    assert rows[2][rows[0].index("Nacalculatie")] == "volgt"
    text = " ".join(_text(pdf.render(content)))
    assert "nacalculatie over het afgelopen jaar" in text


def test_social_return_is_labelled_an_estimate_with_its_source(demo):
    _, content, _, pages = demo
    text = "\n".join(pages)
    assert "Schatting, geen feit over dit project" in text
    assert "SEOR" in text
    (first, second) = content.social
    actors = pdf.social_actor_rows(first)
    assert actors[1] == ("Gemeente", "35 %", format_eur(first.by_actor["gemeente"]))
    assert pdf.social_rows(second)[-1][0] == "Contante waarde"
    assert len(pdf.social_rows(second)) == 1 + 6 + 1  # 4 contract years + 2 years of later benefits


def test_parameter_appendix_lists_every_used_value_and_flags_assumptions(demo):
    result, content, _, _ = demo
    rows = pdf.parameter_rows(content)[1:]
    labels = [r[0] for r in rows]
    for used in result.used:
        assert used.label in labels
        row = rows[labels.index(used.label)]
        assert row[4] == ("ja" if used.status == "assumption" else "nee")
    index_rows = [r for r in rows if r[0].startswith("Indexatie 20")]
    assert [r[0] for r in index_rows] == ["Indexatie 2027", "Indexatie 2028", "Indexatie 2029", "Indexatie 2030"]
    assert all(r[4] == "ja" and "aanname" in r[3] for r in index_rows)
    assert any(
        r[0] == "Discontovoet contante waarde (reëel)"
        and "Werkgroep discontovoet" in r[3]
        and "prijzen van 2026" in r[3]
        for r in rows
    )


def test_signature_block(demo):
    _, content, _, pages = demo
    rows = pdf.signature_rows(content)
    assert rows[0] == ("Namens Stichting Welzijn De Brug (fictief)", "Namens Gemeente Voorbeeldstad (fictief)")
    assert pages[-1].count("Handtekening") == 2


HOSTILE = {
    "organisation": "<b>R&D</b> & Łódź",
    "function": "<i>Jongerenwerker</i> & co",
    "area": "Wijk <font size=40>",
    "task": "Opgave & <para> ☃",
    "narrative": "Regel één\nregel <u>twee</u> &amp; drie",  # a control character is refused at input
}


def _hostile_raw() -> dict:
    raw = copy.deepcopy(DEMO)
    raw["organisation"] = HOSTILE["organisation"]
    for row in raw["staff"]:
        if row["function"] == "Jongerenwerker":
            row["function"] = HOSTILE["function"]
    c = raw["contract"]
    c["areas"][0]["name"] = HOSTILE["area"]
    c["tasks"][2]["name"] = HOSTILE["task"]
    c["tasks"][0]["narrative"] = HOSTILE["narrative"]
    lines = (
        c["staffing"]
        + c["activities"]
        + [l for o in c["options"] for l in o.get("staffing", []) + o.get("activities", [])]
    )
    for line in lines:
        if line.get("function") == "Jongerenwerker":
            line["function"] = HOSTILE["function"]
        if line.get("area") == "Noord":
            line["area"] = HOSTILE["area"]
        if line.get("task") == "Jeugd veilig en kansrijk":
            line["task"] = HOSTILE["task"]
    return raw


def test_hostile_user_text_prints_literally():
    result = compute(validate_scenario(_hostile_raw()))
    data = pdf.build_offer_pdf(result, generated=GENERATED)
    text = "\n".join(_text(data))
    flat = " ".join(text.split())
    for key in ("organisation", "function", "area", "task"):
        assert HOSTILE[key] in flat, key
    assert "<u>twee</u> &amp; drie" in flat  # an escaped entity stays an entity, text stays text
    assert "Łódź" in pages_of(data)[0]


def pages_of(data: bytes) -> list[str]:
    return _text(data)


def test_offer_without_contract_is_a_cost_price_justification(tmp_path):
    result = compute(validate_scenario(read_scenario_file(ROOT / "examples" / "gemeente.yaml")))
    target = tmp_path / "kostprijs.pdf"
    data = pdf.build_offer_pdf(result, target, generated=GENERATED)
    assert target.read_bytes() == data
    text = "\n".join(_text(data))
    assert "Kostprijsonderbouwing" in text and "Meerjarenbegroting" not in text
    assert "Kostprijsopbouw per functie" in text and "Bijlage. Gebruikte parameters" in text
    assert "Namens de gemeente" in text


def test_a_variant_offer_prints_the_variant(demo):
    result, _, _, _ = demo
    buffer = io.BytesIO()
    data = pdf.build_offer_pdf(result, buffer, option="Plus", generated=GENERATED)
    assert buffer.getvalue() == data
    content = pdf.offer_content(result, option="Plus", generated=GENERATED)
    assert dict(pdf.cover_rows(content))["Variant"] == "Plus"
    assert content.budget.totals == contract_budget(result, "Plus").totals
    assert format_eur(content.budget.grand_total) in " ".join(_text(data))


def test_esc_drops_control_characters_and_keeps_euro_with_its_amount():
    assert pdf.esc("a<b>&\x00c\nd") == "a&lt;b&gt;&amp; c<br/>d"
    assert pdf.esc("€ 12,00") == "€\u00a012,00"


def _variant_long(c):
    c["years"] = 15
    c["indexation"]["municipal_pct"] = 0.01


def _variant_minimal(c):
    for key in ("areas", "activities", "options", "description", "round"):
        c.pop(key, None)
    for task in c["tasks"]:
        task.pop("social_return", None)
        task.pop("indicators", None)
        task.pop("effects", None)
    for line in c["staffing"]:
        line.pop("area", None)
    c["years"] = 1
    c["start"] = "2026-01-01"


@pytest.mark.parametrize("mutate", [_variant_long, _variant_minimal], ids=["15 jaar", "minimaal contract"])
def test_unusual_contracts_still_render(mutate):
    raw = copy.deepcopy(DEMO)
    mutate(raw["contract"])
    result = compute(validate_scenario(raw))
    content = pdf.offer_content(result, generated=GENERATED)
    text = " ".join(" ".join(_text(pdf.render(content))).split())
    years = content.budget.years
    assert f"Contractbudget {years[0]}-{years[-1]} (totaal)" in text or f"Contractbudget {years[0]}" in text
    for table in pdf.grouped_rows(content, "area"):
        assert len(table[0]) <= 1 + pdf.MAX_YEAR_COLUMNS + 1
    shown_years = [h for table in pdf.price_basis_rows(content) for h in table[0][3:]]
    assert shown_years == [f"Per FTE {y}" for y in years]
    assert "Ondertekening" in text


# -- review fixes: instalments, variants, long texts, social return, clause attribution -----------


@pytest.mark.parametrize(
    "total, expected",
    [
        ("4654073.76", ["1163518.44"] * 4),
        ("100.01", ["25.01", "25.00", "25.00", "25.00"]),
        ("100.03", ["25.01", "25.01", "25.01", "25.00"]),
        ("0.02", ["0.01", "0.01", "0.00", "0.00"]),
    ],
)
def test_quarterly_instalments_add_up_to_the_annual_total(total, expected):
    from decimal import Decimal

    terms = pdf.quarterly_instalments(Decimal(total))
    assert [str(t) for t in terms] == expected
    assert sum(terms) == Decimal(total)


def test_an_unknown_variant_or_a_variant_without_contract_is_a_dutch_error(demo):
    result, _, _, _ = demo
    with pytest.raises(KeyError) as info:
        pdf.offer_content(result, option="Luxe", generated=GENERATED)
    assert str(info.value) == "variant 'Luxe' bestaat niet; bekend: Plus, Sober"
    bare = compute(validate_scenario(read_scenario_file(ROOT / "examples" / "gemeente.yaml")))
    with pytest.raises(ValueError, match="geen contract, dus ook geen variant 'Plus'"):
        pdf.offer_content(bare, option="Plus", generated=GENERATED)


LONG = ("Lorem ipsum dolor sit amet, <b>consectetur</b> & adipiscing elit; ☃ Łódź. " * 60)[:4000]


@pytest.mark.parametrize(
    "description",
    [LONG, "x" * 4000, HOSTILE["narrative"] * 200],
    ids=["4000 tekens", "4000 tekens zonder spatie", "vijandige tekst"],
)
def test_a_long_variant_description_flows_below_the_table(description):
    raw = copy.deepcopy(DEMO)
    raw["contract"]["options"][0]["description"] = description[:4000]
    content = pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED)
    rows = pdf.option_rows(content)
    assert rows[2][1] == "Zie de toelichting onder de tabel."
    assert pdf.option_notes(content) == [("Plus", description[:4000].strip())]
    data = pdf.render(content)  # a table cell taller than the page raised LayoutError here
    flat = "".join("".join(_text(data)).split())
    assert "".join(description[:4000].split())[:300] in flat


def test_every_long_text_at_its_maximum_still_renders():
    raw = _hostile_raw()
    c = raw["contract"]
    c["description"] = LONG
    c["round"] = ("Ronde & <i>inschrijving</i> " * 30)[:500]
    for task in c["tasks"]:
        task["narrative"] = LONG
        task["reporting"] = LONG
        for ind in task.get("indicators", []):
            ind["name"] = ("Indicator <b>x</b> " * 40)[:500]
    for option in c["options"]:
        option["description"] = LONG
    data = pdf.build_offer_pdf(compute(validate_scenario(raw)), generated=GENERATED)
    assert data.startswith(b"%PDF") and len(_text(data)) > 12


def test_social_return_states_the_range_is_unknown_and_the_municipal_balance_only_with_a_split(demo):
    _, content, _, pages = demo
    text = " ".join(" ".join(pages).split())
    first, second = content.social
    assert first.split_given and not second.split_given
    # With a split: the municipality's own balance.
    assert f"voor de gemeente zelf {format_eur(first.municipality_net)}" in text
    # Without one: no "€ -…" for the municipality, but the sentence that its share is unknown.
    assert "het saldo voor de gemeente zelf is onbekend, want er is geen verdeling over partijen opgegeven" in text
    assert text.count("voor de gemeente zelf -€") + text.count("voor de gemeente zelf €") == 1
    assert (
        "Bandbreedte: voor de SEOR-verhouding (Bestaanszekerheid) is de spreiding over de 32 business cases "
        "(laagste en hoogste waarde) in de bronnen van dit model niet bekend; voor de eigen verhouding (Samen "
        "redzaam in de wijk) is geen bandbreedte opgegeven. Daarom staat hier geen bandbreedte."
    ) in text


def test_wage_weight_is_attributed_to_vng_only_at_90_percent(demo):
    _, content, _, _ = demo
    rows = {r[0]: r for r in pdf.parameter_rows(content)}
    weight = rows["Weging indexatie (aandeel OVA)"]
    assert weight[1] == "90 %" and "VNG-advies" in weight[3] and weight[4] == "nee"
    month = rows["Peilmaand indexatie"]
    assert month[1] == "september" and "jaar vóór het indexatiejaar" in month[3] and month[4] == "ja"
    assert rows["Inhaal in het eerste indexatiejaar"][1] == "nee"
    raw = copy.deepcopy(DEMO)
    raw["contract"]["indexation"]["wage_weight"] = 0.75
    own = pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED)
    weight = {r[0]: r for r in pdf.parameter_rows(own)}["Weging indexatie (aandeel OVA)"]
    assert weight[1] == "75 %" and "VNG-advies" not in weight[3] and "opgegeven in het scenario" in weight[3]
    assert weight[4] == "ja"
    text = " ".join(" ".join(_text(pdf.render(own))).split())
    assert "75 % OVA (loonkosten) en 25 % PPC (prijzen), een weging opgegeven in het scenario (eigen keuze" in text
    assert "zoals de VNG adviseert" not in text


def test_a_pending_catch_up_is_shown_in_the_budget_table():
    raw = read_scenario_file(ROOT / "tests" / "cases" / "contract_provisional_without_previous_definitive.yaml")[
        "scenario"
    ]
    content = pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED)
    years = pdf.year_rows(content)
    assert years[1][1:3] == ("3,944 %", "bron (parameterdata)")
    assert years[2][1:3] == ("3,800 %", "opgegeven in het contract; inhaal volgt")
    text = " ".join(" ".join(_text(pdf.render(content))).split())
    assert "Nog niet bekend: de inhaal over 2025 (in de indexatie van 2026)" in text


def test_a_range_and_source_of_the_social_return_are_printed_as_an_estimate(tmp_path):
    raw = copy.deepcopy(DEMO)
    raw["contract"]["tasks"][0]["social_return"].update(
        range={"low": 1.2, "high": 2.4},
        source={"title": "MKBA Wijkteams", "href": "https://example.org/mkba", "date": "2024-05-01"},
    )
    raw["contract"]["tasks"][1]["social_return"].update(
        range={"low": 1, "high": 2}, source={"assumption": True, "reasoning": "eigen inschatting"}
    )
    content = pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED)
    data = pdf.render(content)
    (tmp_path / "offerte.pdf").write_bytes(data)
    text = " ".join(" ".join(_text(data)).split())
    first, second = content.social
    assert (
        "Verhouding baten/kosten 1,60 (MKBA Wijkteams, 1 mei 2024, https://example.org/mkba; bandbreedte 1,20 tot 2,40)"
        in text
    )
    low, high = first.municipality_net_range
    assert (
        f"Bij de bandbreedte (schatting): baten {format_eur(first.npv_benefits_low)} tot "
        f"{format_eur(first.npv_benefits_high)}, saldo {format_eur(first.net_range[0])} tot "
        f"{format_eur(first.net_range[1])}, voor de gemeente zelf {format_eur(low)} tot {format_eur(high)}."
    ) in text
    # The default ratio keeps SEOR as its source; the range says it is the organisation's assumption.
    assert "bandbreedte 1,00 tot 2,00, bron van de bandbreedte: aanname van de organisatie: eigen inschatting" in text
    assert f"(bandbreedte {format_eur(second.npv_benefits_low)} tot {format_eur(second.npv_benefits_high)})" in text
    assert "Bandbreedte: opgegeven (schatting): Samen redzaam in de wijk 1,20 tot 2,40" in text


def test_the_source_of_a_years_own_index_figure_is_printed_with_the_figure():
    raw = copy.deepcopy(DEMO)
    raw["contract"]["indexation"]["sources"] = {
        2027: {"text": "CPB, Centraal Economisch Plan 2026", "status": "provisional"}
    }
    text = " ".join(
        " ".join(_text(pdf.render(pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED)))).split()
    )
    # In the budget table's origin and in the appendix of parameters.
    assert text.count("bron: CPB, Centraal Economisch Plan 2026 (voorlopig)") >= 2, text


@pytest.mark.parametrize("status, assumed", [("assumption", "ja"), ("provisional", "nee"), ("given", "nee")])
def test_a_years_own_figure_the_contract_calls_an_assumption_is_marked_one_in_the_appendix(status, assumed):
    raw = copy.deepcopy(DEMO)
    raw["contract"]["indexation"]["per_year"] = {2027: 0.03}
    raw["contract"]["indexation"]["sources"] = {2027: {"text": "eigen inschatting", "status": status}}
    row = {
        r[0]: r for r in pdf.parameter_rows(pdf.offer_content(compute(validate_scenario(raw)), generated=GENERATED))
    }["Indexatie 2027"]
    assert row[1] == "3,000 %" and "bron: eigen inschatting" in row[3] and row[4] == assumed, row
