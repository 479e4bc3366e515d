"""Staff table export and import: a round trip changes nothing, and no text runs as a formula."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from pricing.breakdown import INFO_SALARY_COLUMN, staff_from_table, staff_row_to_table
from pricing.scenario import read_scenario_file
from ui.organisation import _csv_bytes, _excel_bytes, _export_frame

ROOT = Path(__file__).resolve().parents[1]
STAFF = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")["staff"]
HOSTILE = '=HYPERLINK("http://example.invalid","klik")'


def _rows(staff):
    rows = []
    for line in staff:
        row = staff_row_to_table(line)
        row["Maandsalaris"] = "€ 3.987,74"  # what the editor shows; exported for information only
        rows.append(row)
    return rows


def _read_csv(data: bytes) -> list[dict]:
    return pd.read_csv(io.StringIO(data.decode("utf-8-sig")), sep=";", dtype=str, keep_default_na=False).to_dict(
        "records"
    )


def test_csv_round_trip_keeps_table_salaries_from_the_table():
    exported = _csv_bytes(_export_frame(_rows(STAFF)))
    assert INFO_SALARY_COLUMN in exported.decode("utf-8-sig").splitlines()[0]
    rows, problems = staff_from_table(_read_csv(exported))
    assert problems == []
    assert all("monthly_salary" not in row for row in rows)  # still follows the CAO table
    assert [(r["function"], r["scale"], r["fte"]) for r in rows] == [
        (s["function"], s["scale"], s["fte"]) for s in STAFF
    ]


def test_formula_text_is_inert_in_csv_and_excel_and_reads_back_unchanged():
    staff = [dict(STAFF[0], function=HOSTILE)]
    frame = _export_frame(_rows(staff))
    import csv

    cells = list(csv.reader(io.StringIO(_csv_bytes(frame).decode("utf-8-sig")), delimiter=";"))
    assert cells[1][0] == "'" + HOSTILE  # a spreadsheet shows it as text
    rows, problems = staff_from_table(_read_csv(_csv_bytes(frame)))
    assert problems == [] and rows[0]["function"] == HOSTILE

    workbook = load_workbook(io.BytesIO(_excel_bytes(frame)))
    cell = workbook["Formatie"]["A2"]
    assert cell.value == HOSTILE and cell.data_type == "s"  # text, not a formula
    back = pd.read_excel(io.BytesIO(_excel_bytes(frame)), dtype=object).to_dict("records")
    rows, problems = staff_from_table(back)
    assert problems == [] and rows[0]["function"] == HOSTILE


def test_a_bare_maandsalaris_column_is_refused_as_ambiguous():
    rows, problems = staff_from_table(
        [{"Functie": "Sociaal werker", "Schaal": 8, "Trede": 5, "FTE": 1, "Contract": "vast", "Maandsalaris": 4000}]
    )
    assert problems and "Maandsalaris" in problems[0]


def test_the_cao_rule_fields_survive_a_round_trip_through_the_table():
    staff = [
        {
            "function": "Wijkwerker",
            "scale": 8,
            "step": 5,
            "fte": 0.6,
            "contract": "permanent",
            "persons": 1,
            "age_band": "50+",
            "primary_process": False,
            "on_call": {"weekdays": 26, "weekend_days": 13},
        },
        {"function": "Beheerder", "scale": 5, "step": "U1", "fte": 2, "contract": "permanent"},
    ]
    rows, problems = staff_from_table([staff_row_to_table(line) for line in staff])
    assert not problems
    assert rows == staff
    table = staff_row_to_table(staff[0])
    assert table["Primair proces"] == "nee" and table["Leeftijdsgroep"] == "50+"
    assert table["Consignatie werkdagen"] == 26 and table["Consignatie weekend- en feestdagen"] == 13
    # Headings as people type them, Dutch yes/no.
    typed, _ = staff_from_table(
        [
            {
                "Functie": "X",
                "Schaal": 8,
                "Trede": 5,
                "FTE": "0,8",
                "Contract": "vast",
                "Aantal personen": "2",
                "Primair proces": "ja",
                "Consignatie werkdagen": "10",
            }
        ]
    )
    assert typed[0]["persons"] == 2 and typed[0]["primary_process"] is True and typed[0]["on_call"] == {"weekdays": 10}


def test_a_list_or_mapping_typed_as_contract_or_primary_process_is_shown_as_typed():
    """An invalid scenario's staff row still opens in the staff editor: its value is shown as it
    was typed (validation names the field), not a TypeError from the label lookup."""
    table = staff_row_to_table({"function": "X", "contract": ["vast"], "primary_process": {"ja": 1}})
    assert table["Contract"] == ["vast"] and table["Primair proces"] == {"ja": 1}
    # Known values keep their Dutch labels, including 1 and 0 for yes and no.
    table = staff_row_to_table({"function": "X", "contract": "permanent", "primary_process": 1})
    assert table["Contract"] == "vast" and table["Primair proces"] == "ja"


def test_a_unit_mark_of_another_kind_in_a_staff_cell_is_kept_as_typed_for_validation_to_name():
    # '0,8 %' in the FTE column was read as 0,8 FTE; a euro sign with the scale as scale 8.
    rows, problems = staff_from_table(
        [{"Functie": "Sociaal werker", "Schaal": "€ 8", "FTE": "0,8 %", "Eigen maandsalaris": "3.500 %"}]
    )
    assert not problems
    assert rows[0]["fte"] == "0,8 %" and rows[0]["scale"] == "€ 8" and rows[0]["monthly_salary"] == "3.500 %"
    rows, _ = staff_from_table(
        [{"Functie": "Sociaal werker", "Schaal": "8", "FTE": "0,8", "Eigen maandsalaris": "€ 3.500"}]
    )
    assert rows[0]["fte"] == 0.8 and rows[0]["scale"] == 8 and rows[0]["monthly_salary"] == 3500


def test_a_percentage_typed_in_excel_is_read_as_excel_shows_it():
    # '5%' typed in Excel is stored as 0.05 with a percent format; read bare it was 0,05 % ORT.
    from openpyxl import Workbook

    from pricing.breakdown import read_staff_table

    book = Workbook()
    sheet = book.active
    sheet.append(["Functie", "Schaal", "Trede", "FTE", "ORT %"])
    sheet.append(["Sociaal werker", 8, 4, 0.8, 0.05])
    sheet["E2"].number_format = "0%"
    sheet.append(["Jongerenwerker", 8, 4, 0.9, 7])  # a bare 7 in the percent column: 7 %
    sheet.append(["Opbouwwerker", 8, 4, 0.8, 0.075])
    sheet["E4"].number_format = "0.0%"
    sheet["D4"].number_format = "0%"  # 80 % as FTE: kept as typed, for validation to name
    data = io.BytesIO()
    book.save(data)
    rows, problems = staff_from_table(read_staff_table(data.getvalue(), "formatie.xlsx"))
    assert not problems
    assert [r["irregular_pct"] for r in rows] == [0.05, 0.07, 0.075]
    assert [r["fte"] for r in rows] == [0.8, 0.9, "80 %"]
