"""The chain as spreadsheet formulas (docs/methode.md section 3): one row per step, for the full chain
or the simple mode and for each way of counting the hours, each with its label, the builder of its
formula and its number format. :mod:`pricing.report.xlsx_chain` writes them on the Kostprijs sheet."""

from __future__ import annotations

from collections.abc import Callable

from pricing.report.xlsx_sheet import Refs
from pricing.report.xlsx_style import EUR, NUM, PCT3

# Chain rows: key, label, formula builder, number format. The builder's ``c`` is the column letter of
# the line, ``r`` the row of each key on the Kostprijs sheet, ``i`` the Invoer addresses of that line,
# ``g`` the global inputs.
Builder = Callable[[str, dict[str, int], Refs, Refs], str]
ChainRow = tuple[str, str, Builder, str]


def chain_rows(simple: bool, method: str) -> list[ChainRow]:
    rows: list[ChainRow] = [
        ("monthly", "Maandsalaris M", lambda c, r, i, g: f"{i['monthly']}", EUR),
        (
            "lma_pct",
            "Arbeidsmarkttoeslag: fractie als primair proces en schaal binnen het bereik, anders 0",
            lambda c, r, i, g: (
                f"IF({i['primary']}=1,IF({i['scale']}>={g['labour_market_lowest_scale']},"
                f"IF({i['scale']}<={g['labour_market_highest_scale']},{g['labour_market_pct']},0),0),0)"
            ),
            PCT3,
        ),
        (
            "salary",
            "Jaarsalaris S = 12 x M x (1 + arbeidsmarkttoeslag)",
            lambda c, r, i, g: f"12*{c}{r['monthly']}*(1+{c}{r['lma_pct']})",
            EUR,
        ),
    ]
    if simple:
        rows += [
            (
                "flat",
                "Vaste opslag werkgeverslasten = S x opslag",
                lambda c, r, i, g: f"{c}{r['salary']}*{g['flat_pct']}",
                EUR,
            ),
            ORG_COSTS_ROW,
            (
                "personnel",
                "Personeelskosten per FTE P = S + opslag + vakbondscontributie en stagevergoeding",
                lambda c, r, i, g: f"{c}{r['salary']}+{c}{r['flat']}+{c}{r['org']}",
                EUR,
            ),
        ]
    else:
        rows += [
            ("vt", "Vakantietoeslag VT = 0,08 x S", lambda c, r, i, g: f"{g['holiday_pct']}*{c}{r['salary']}", EUR),
            (
                "eju",
                "Eindejaarsuitkering EJU = 0,083 x (S + VT)",
                lambda c, r, i, g: f"{g['year_end_pct']}*({c}{r['salary']}+{c}{r['vt']})",
                EUR,
            ),
            (
                "x",
                "IKB extra X = 0,001 x (S + VT)",
                lambda c, r, i, g: f"{g['ikb_extra_pct']}*({c}{r['salary']}+{c}{r['vt']})",
                EUR,
            ),
            (
                "ikb",
                "IKB = VT + EJU + X + zorgbijdrage x personen per FTE",
                lambda c, r, i, g: f"{c}{r['vt']}+{c}{r['eju']}+{c}{r['x']}+{g['ikb_health']}*{i['persons']}",
                EUR,
            ),
            (
                "ort",
                "Onregelmatigheidstoeslag ORT = pct x min(S, ORT-maximum x (1 + arbeidsmarkttoeslag))",
                lambda c, r, i, g: (
                    f"{i['irregular']}*IF({g['ort_cap_salary']}>0,MIN({c}{r['salary']},"
                    f"{g['ort_cap_salary']}*(1+{c}{r['lma_pct']})),{c}{r['salary']})"
                ),
                EUR,
            ),
            (
                "lbb",
                "Loopbaanbudget LBB = 0,015 x (S + VT + EJU + ORT)",
                lambda c, r, i, g: f"{g['career_pct']}*({c}{r['salary']}+{c}{r['vt']}+{c}{r['eju']}+{c}{r['ort']})",
                EUR,
            ),
            (
                "sv",
                "Premieloon SV = min(S + IKB + ORT, maximum premieloon x personen per FTE)",
                lambda c, r, i, g: (
                    f"MIN({c}{r['salary']}+{c}{r['ikb']}+{c}{r['ort']},{g['max_premium_wage']}*{i['persons']})"
                ),
                EUR,
            ),
            (
                "rate",
                "Premiepercentage = AWf + Aof + Whk + kinderopvang + Zvw",
                lambda c, r, i, g: (
                    f'IF({i["contract"]}="permanent",{g["awf_permanent"]},{g["awf_flexible"]})'
                    f"+IF({g['large']}=1,{g['aof_large']},{g['aof_small']})"
                    f"+{g['whk']}+{g['childcare']}+{g['zvw']}"
                ),
                "0.0000%",
            ),
            (
                "premiums",
                "Werkgeverspremies = SV x premiepercentage + FCB x (S + IKB + ORT)",
                lambda c, r, i, g: (
                    f"{c}{r['sv']}*{c}{r['rate']}+{g['fcb_pct']}*({c}{r['salary']}+{c}{r['ikb']}+{c}{r['ort']})"
                ),
                EUR,
            ),
            (
                "s_jan",
                "Jaarsalaris op 1 januari S1 = 12 x M / verhogingen sinds 1 januari x (1 + arbeidsmarkttoeslag)",
                lambda c, r, i, g: f"12*{c}{r['monthly']}/{i['january']}*(1+{c}{r['lma_pct']})",
                EUR,
            ),
            (
                "base_full",
                "Pensioengevend salaris = S1 x (1 + VT) x (1 + EJU) + ORT (of S1 als toeslagen niet meetellen)",
                lambda c, r, i, g: (
                    f"IF({g['pensionable']}=1,{c}{r['s_jan']}*(1+{g['holiday_pct']})*(1+{g['year_end_pct']})+{c}{r['ort']},"
                    f"{c}{r['s_jan']})"
                ),
                EUR,
            ),
            (
                "base",
                "Pensioengrondslag B = min(pensioengevend salaris, maximum)",
                lambda c, r, i, g: f"MIN({c}{r['base_full']},{g['max_pensionable']})",
                EUR,
            ),
            (
                "op",
                "Pensioen OP/NP werkgever = instap x aandeel x OP x max(B - franchise, 0)",
                lambda c, r, i, g: (
                    f"{i['entry']}*{g['pension_share']}*{g['op_np']}*MAX({c}{r['base']}-{g['franchise']},0)"
                ),
                EUR,
            ),
            (
                "ap",
                "AP-premie = AP x max(B - AP-franchise, 0)",
                lambda c, r, i, g: f"{g['ap']}*MAX({c}{r['base']}-{g['ap_franchise']},0)",
                EUR,
            ),
            (
                "wia",
                "WIA-excedent = premie x werkgeversdeel x max(pensioengevend salaris zonder maximum - drempel, 0)",
                lambda c, r, i, g: f"{g['wia']}*{g['wia_share']}*MAX({c}{r['base_full']}-{g['wia_threshold']},0)",
                EUR,
            ),
            (
                "pension",
                "Pensioen werkgever = OP/NP + AP + WIA",
                lambda c, r, i, g: f"{c}{r['op']}+{c}{r['ap']}+{c}{r['wia']}",
                EUR,
            ),
            (
                "other",
                "Overige personeelskosten = pct x S",
                lambda c, r, i, g: f"{g['other_pct']}*{c}{r['salary']}",
                EUR,
            ),
            ORG_COSTS_ROW,
            (
                "personnel",
                "Personeelskosten per FTE P = S + IKB + ORT + LBB + premies + pensioen + overig + vakbond/stage",
                lambda c, r, i, g: (
                    f"{c}{r['salary']}+{c}{r['ikb']}+{c}{r['ort']}+{c}{r['lbb']}+{c}{r['premiums']}"
                    f"+{c}{r['pension']}+{c}{r['other']}+{c}{r['org']}"
                ),
                EUR,
            ),
        ]
    if method == "uren":
        rows.append(
            (
                "productive",
                (
                    "Productieve uren = contract - verlof - feestdagen - verzuim x contract - scholing - overleg"
                    " - vitaliteitsuren - consignatie (werkdagen x uren + weekenddagen x uren)"
                ),
                lambda c, r, i, g: (
                    f"{g['h_contract']}-{g['h_leave']}-{g['h_holidays']}-{g['h_sick']}*{g['h_contract']}"
                    f"-{g['h_training']}-{g['h_meetings']}-{i['vitality']}"
                    f"-{i['on_call_wd']}*{g['on_call_weekday_hours']}-{i['on_call_we']}*{g['on_call_weekend_hours']}"
                ),
                NUM,
            )
        )
    elif method == "productiviteit":
        rows.append(
            (
                "productive",
                "Productieve uren = contracturen x productiviteit",
                lambda c, r, i, g: f"{g['h_contract']}*{g['h_productivity']}",
                NUM,
            )
        )
    else:
        rows.append(("productive", "Productieve uren (opgegeven)", lambda c, r, i, g: f"{g['h_productive']}", NUM))
    rows += [
        (
            "billable",
            "Declarabele uren = productieve uren x aandeel declarabel",
            lambda c, r, i, g: f"{c}{r['productive']}*{g['client_share']}",
            NUM,
        ),
        (
            "direct",
            "Directe kosten per uur D = P / declarabele uren",
            lambda c, r, i, g: f"{c}{r['personnel']}/{c}{r['billable']}",
            EUR,
        ),
        (
            "overhead",
            "Overhead per uur: opslag D x pct, of aandeel D / (1 - pct) - D",
            lambda c, r, i, g: (
                f'IF({g["convention"]}="share",{c}{r["direct"]}/(1-{g["oh_pct"]})-{c}{r["direct"]},'
                f"{c}{r['direct']}*{g['oh_pct']})"
            ),
            EUR,
        ),
        (
            "material",
            "Materiële kosten per uur = per FTE / declarabele uren",
            lambda c, r, i, g: f"{g['material']}/{c}{r['billable']}",
            EUR,
        ),
        (
            "reporting",
            "Kosten verplichtingen per uur = per FTE / declarabele uren",
            lambda c, r, i, g: f"{g['reporting']}/{c}{r['billable']}",
            EUR,
        ),
        (
            "cost_price",
            "Kostprijs per uur K = D + overhead + materieel + verplichtingen",
            lambda c, r, i, g: f"{c}{r['direct']}+{c}{r['overhead']}+{c}{r['material']}+{c}{r['reporting']}",
            EUR,
        ),
        (
            "risk_innovation",
            "Risico en innovatie per uur = K x (risico + innovatie)",
            lambda c, r, i, g: f"{c}{r['cost_price']}*({g['risk']}+{g['innovation']})",
            EUR,
        ),
        (
            "reserve",
            "Reserveopbouw per uur = K x reserve-opslag",
            lambda c, r, i, g: f"{c}{r['cost_price']}*{g['reserve_pct']}",
            EUR,
        ),
        (
            "tariff",
            "Reëel tarief per uur T = K + risico en innovatie + reserve",
            lambda c, r, i, g: f"{c}{r['cost_price']}+{c}{r['risk_innovation']}+{c}{r['reserve']}",
            EUR,
        ),
        (
            "price",
            "Prijs per FTE per jaar = T x declarabele uren",
            lambda c, r, i, g: f"{c}{r['tariff']}*{c}{r['billable']}",
            EUR,
        ),
        ("fte", "FTE", lambda c, r, i, g: f"{i['fte']}", NUM),
        ("budget", "Budget = FTE x prijs per FTE", lambda c, r, i, g: f"{c}{r['fte']}*{c}{r['price']}", EUR),
        ("hours_total", "FTE x declarabele uren", lambda c, r, i, g: f"{c}{r['fte']}*{c}{r['billable']}", NUM),
        ("personnel_total", "FTE x personeelskosten", lambda c, r, i, g: f"{c}{r['fte']}*{c}{r['personnel']}", EUR),
        ("cost_total", "FTE x uren x kostprijs", lambda c, r, i, g: f"{c}{r['hours_total']}*{c}{r['cost_price']}", EUR),
    ]
    return rows


# Union-fee reimbursement and internship pay: organisation amounts spread over the FTE (both modes).
ORG_COSTS_ROW: ChainRow = (
    "org",
    "Vakbondscontributie en stagevergoeding per FTE = bedragen organisatie / totaal FTE",
    lambda c, r, i, g: f"({g['union_fee']}+{g['internship']})/({g['fte_total']})",
    EUR,
)
