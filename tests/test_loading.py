"""The one bounded reader (pricing.loading): limits, the number schema and Dutch refusals."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pricing import loading
from pricing.benchmark import BenchmarkFileError, parse_benchmark_set
from pricing.breakdown import StaffTableError, read_staff_table, staff_from_table
from pricing.loading import LoadError, dump_yaml, load_json, load_yaml
from pricing.parameters import ParameterFileError, read_strict_yaml
from pricing.scenario import (
    MAX_STAFF_LINES,
    ScenarioError,
    _short,
    parse_scenario_text,
    validate_scenario,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO_TEXT = (ROOT / "tests" / "fixtures" / "organisation.yaml").read_text(encoding="utf-8")


def _bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_once_with_flat_memory():
    """Refused at the first alias over the value limit: memory stays flat (the time is measured by
    bench/limits.py, not here)."""
    tracemalloc.start()
    with pytest.raises(ScenarioError) as info:
        parse_scenario_text(_bomb().encode(), "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "verwijzingen meegeteld" in str(info.value) and "50.000" in str(info.value)
    assert "e[6]: " in str(info.value) and "(regel 5)" in str(info.value)  # at the first alias over the limit
    assert peak < 5_000_000


def test_too_many_aliases_and_self_reference_are_refused():
    many = "a: &a 1\nb: [" + ", ".join(["*a"] * (loading.MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(LoadError, match="meer dan 200 verwijzingen"):
        load_yaml(many)
    with pytest.raises(LoadError, match="niet afgesloten anker"):
        load_yaml("x: &a [*a]\n")


def test_a_few_anchors_still_work_as_in_the_parameter_files():
    assert load_yaml("r: &r [{title: T, href: h}]\ns: *r\n") == {
        "r": [{"title": "T", "href": "h"}],
        "s": [{"title": "T", "href": "h"}],
    }


@pytest.mark.parametrize(
    "text, limit",
    [
        ("x: " + "[" * 40 + "]" * 40, "niveaus diep genest"),
        ("x: [" + ",".join(["1"] * (loading.MAX_NODES + 1)) + "]", r"waarden \(de grens\)"),
        ("x: " + "a" * (loading.MAX_STRING + 1), "tekst van meer dan 20.000 tekens"),
        ("\n" * loading.MAX_LINES + "x: 1", "meer dan 200.000 regels"),
        ("x: 1\n" + "#" * loading.MAX_FILE_BYTES, "groter dan de grens van 5 MB"),
    ],
)
def test_each_limit_is_named_in_the_refusal(text, limit):
    with pytest.raises(LoadError, match=limit):
        load_yaml(text)


@pytest.mark.parametrize(
    "text, limit",
    [
        ("[" * 5000 + "]" * 5000, "niveaus diep genest"),
        ('{"x": [' + "[" * 40 + "]" * 40 + "]}", "niveaus diep genest"),
        ('{"x": "' + "a" * (loading.MAX_STRING + 1) + '"}', "tekst van meer dan"),
        ("[" + ",".join(["1"] * (loading.MAX_NODES + 1)) + "]", "waarden"),
    ],
)
def test_json_limits(text, limit):
    with pytest.raises(LoadError, match=limit):
        load_json(text)


def test_the_size_limit_is_the_upload_box_limit():
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert f"maxUploadSize = {loading.MAX_FILE_MB}\n" in config
    assert f"{loading.MAX_FILE_MB} MB per file" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_messages_never_render_a_whole_value():
    huge = list(range(10**6))
    assert _short(huge) == "een lijst met 1000000 element(en)"
    assert len(_short("x" * 10**6)) <= 62
    assert "cijfers" in _short(10**5000)
    raw = yaml.safe_load(DEMO_TEXT)
    raw["name"] = [["x" * 1000] * 100] * 100
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    assert max(len(str(p)) for p in info.value.problems) < 300


def test_shipped_yaml_files_read_as_pyyaml_reads_them():
    files = sorted((ROOT / "pricing" / "parameters").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
    files += sorted((ROOT / "benchmarks").glob("*.yaml")) + [ROOT / "tests" / "fixtures" / "organisation.yaml"]
    for path in files:
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert load_yaml(path.read_bytes(), thousands_check=False) == expected, path.name
        if "parameters" in path.parts:
            assert read_strict_yaml(path) == expected


def test_parameter_and_benchmark_files_are_refused_through_the_same_reader(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("description: x\nparameters:\n  a: 010\n", encoding="utf-8")
    with pytest.raises(ParameterFileError, match=r"x.yaml: '010' met een voorloopnul .*\(regel 3, parameters.a\)"):
        read_strict_yaml(path)
    with pytest.raises(BenchmarkFileError, match="verwijzingen meegeteld"):
        parse_benchmark_set(_bomb().encode())


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates()
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_what_the_app_writes_reads_back_unchanged(document):
    assert load_yaml(dump_yaml(document)) == document


# ----------------------------------------------------------------------------------------------
# Staff tables


def _xlsx_with_rows(rows: int) -> bytes:
    """A small .xlsx whose sheet holds ``rows`` compact rows (written straight into its XML)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_xlsx(1)))
    out = io.BytesIO()
    body = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(1, rows + 1))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode()
                data = (
                    text[: text.index("<sheetData>") + len("<sheetData>")] + body + text[text.index("</sheetData>") :]
                ).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def _xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Functie", "Schaal", "Trede", "FTE", "Contract"])
    for _ in range(rows):
        sheet.append(["Sociaal werker", 8, 5, 1, "vast"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_staff_import_of_100000_rows_is_refused_before_its_rows_are_read(kind, monkeypatch):
    """Refused on a count of lines (CSV) or of row tags in the sheet's XML (xlsx), before any row is
    parsed: the parsers are replaced by ones that fail. bench/limits.py measures the time."""
    import csv

    import openpyxl

    def not_reached(*args, **kwargs):
        raise AssertionError("the rows were parsed")

    monkeypatch.setattr(csv, "reader", not_reached)
    monkeypatch.setattr(openpyxl, "load_workbook", not_reached)
    if kind == "csv":
        data = ("Functie;Schaal;Trede;FTE;Contract\n" + "Sociaal werker;8;5;1;vast\n" * 100_000).encode()
    else:
        data = _xlsx_with_rows(100_000)
    with pytest.raises(StaffTableError, match="de grens is 2.000 regels"):
        read_staff_table(data, f"formatie.{kind}")


def test_a_staff_table_at_the_limit_is_read():
    data = ("Functie;Schaal;Trede;FTE;Contract\n" + "Sociaal werker;8;5;1,5;vast\n" * MAX_STAFF_LINES).encode()
    rows, problems = staff_from_table(read_staff_table(data, "formatie.csv"))
    assert not problems and len(rows) == MAX_STAFF_LINES and rows[0]["fte"] == 1.5
    rows, problems = staff_from_table(read_staff_table(_xlsx(3), "formatie.xlsx"))
    assert not problems and rows[0] == {
        "function": "Sociaal werker",
        "scale": 8,
        "step": 5,
        "fte": 1,
        "contract": "permanent",
    }


@pytest.mark.parametrize("data", [b"PK\x03\x04kapot", b"geen zip", _xlsx(3)[:400], b""])
def test_a_broken_xlsx_gets_a_dutch_message(data):
    with pytest.raises(StaffTableError, match="Excel-bestand kan niet worden gelezen"):
        read_staff_table(data, "formatie.xlsx")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\xff\xfe\x00", "geen UTF-8"),
        (b"\n\n", "leeg"),
        (b"Functie;Functie\nA;B\n", "twee keer"),
        (b'Functie\n"open', "niet goed opgebouwd"),
    ],
)
def test_broken_csv_gets_a_dutch_message(data, message):
    with pytest.raises(StaffTableError, match=message):
        read_staff_table(data, "formatie.csv")


def test_total_fte_and_staff_lines_are_bounded():
    raw = yaml.safe_load(DEMO_TEXT)
    raw["staff"] = [dict(raw["staff"][0], fte=400)] * 60
    with pytest.raises(ScenarioError, match="de grens is 20.000 FTE"):
        validate_scenario(raw)
    raw["staff"] = [raw["staff"][0]] * (MAX_STAFF_LINES + 1)
    with pytest.raises(ScenarioError, match="de grens is 2.000 regels"):
        validate_scenario(raw)
