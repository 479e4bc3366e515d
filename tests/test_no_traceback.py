"""No traceback reaches a user: CLI error paths exit 2 in Dutch, a closed pipe ends quietly, app
uploads and imports explain their failures in Dutch, and Streamlit shows no error details."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from pricing import cli
from pricing.scenario import ScenarioError, validate_scenario
from tests.app_support import _app
from tests.cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "voorbeeld.yaml"


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pricing", *args], capture_output=True, cwd=ROOT, check=False, input=stdin, timeout=120
    )


def test_output_into_a_closed_pipe_ends_quietly():
    command = (
        f"{sys.executable} -m pricing costprice {EXAMPLE} | true; {sys.executable} -m pricing budget {EXAMPLE} | true"
    )
    done = subprocess.run(command, shell=True, capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert done.stderr == b""


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("bom.yaml", _bomb(), "verwijzingen meegeteld"),
        ("bedrag.yaml", EXAMPLE.read_text(encoding="utf-8") + "activity_budget: 85.000\n", "schrijf 85000"),
        ("binair.yaml", b"\xff\xfe\x00\x01", "geen UTF-8"),
        ("kapot.json", '{"name": "x",', "geen geldige JSON"),
        ("dubbel.json", '{"name": "a", "name": "b"}', "dubbele sleutel"),
        ("sleutel.yaml", "? [a]\n: 1\n", "als sleutel is niet toegestaan"),
        ("groot.yaml", "#" * 5_000_001, "groter dan de grens van 5 MB"),
        ("diep.json", "[" * 100_000 + "]" * 100_000, "diep genest"),
    ],
)
def test_refused_files_exit_2_with_a_dutch_message(tmp_path, name, content, fragment):
    """In-process (tests/cli_support.py): 24 processes cost 5 s; the process's own exit and
    stderr are checked by the two tests around this one."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for command in (["costprice", str(path)], ["budget", str(path)], ["check", str(path), "--tariff", "70"]):
        done = run_cli(*command, text=False)
        assert done.returncode == 2, (command, done.stderr)
        assert fragment in done.stderr.decode("utf-8") and b"Traceback" not in done.stderr


def test_a_folder_or_a_missing_file_exits_2(tmp_path):
    for target in (str(tmp_path), str(tmp_path / "bestaat-niet.yaml")):
        done = _cli("costprice", target)
        assert done.returncode == 2 and b"Traceback" not in done.stderr and done.stderr.startswith(b"Fout:")


def test_an_unforeseen_failure_still_exits_2_in_dutch(monkeypatch, capsys):
    def broken(args):
        raise ZeroDivisionError("/srv/app/geheim.py")

    monkeypatch.setattr(cli, "_costprice", broken)
    assert cli.main(["costprice", str(EXAMPLE)]) == 2
    err = capsys.readouterr().err
    assert "fout in het programma" in err and "/srv/app" not in err


def test_interrupt_ends_without_a_traceback(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_costprice", interrupted)
    assert cli.main(["costprice", str(EXAMPLE)]) == 130
    assert capsys.readouterr().err == "Afgebroken.\n"


def test_streamlit_shows_no_error_details():
    from streamlit.config import ShowErrorDetailsConfigOptions

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = config["client"]["showErrorDetails"]
    assert value == ShowErrorDetailsConfigOptions.NONE.value


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("2026-02-30", "geen bestaande datum"),
        ("20260701", "verwacht een datum als JJJJ-MM-DD"),
        ("2026-W27-3", "verwacht een datum als JJJJ-MM-DD"),
        ("1 juli 2026", "verwacht een datum als JJJJ-MM-DD"),
    ],
)
def test_date_problems_are_dutch(value, fragment):
    from pricing.loading import load_yaml

    raw = load_yaml(EXAMPLE.read_bytes())
    raw["date"] = value
    with pytest.raises(ScenarioError) as info:
        validate_scenario(raw)
    found = [p for p in info.value.problems if p.path == "date"]
    assert found and fragment in found[0].message and "Invalid" not in found[0].message


def test_a_forged_version_number_of_2_63_is_refused_in_dutch(tmp_path):
    from pricing.store import ScenarioStore, StoreError

    store = ScenarioStore(f"sqlite:///{tmp_path / 'versies.db'}", access_cost=2**10)
    try:
        store.create_workspace("de-brug", "De Brug", "geheim-2026")
        ws = store.open_workspace("de-brug", "geheim-2026")
        sid, _ = ws.create_scenario("Offerte", json.loads(json.dumps(_example_raw())), author="Anna", role="aanbieder")
        for key in ("number", "based_on"):
            document = json.loads(ws.export(sid))
            document["versions"][0][key] = 2**63
            with pytest.raises(StoreError, match="Exportbestand, versie 1"):
                ws.import_export(json.dumps(document).encode())
        assert len(ws.list_scenarios()) == 1
    finally:
        store.dispose()


def _example_raw() -> dict:
    from pricing.scenario import _plain, read_scenario_file

    return _plain(read_scenario_file(EXAMPLE))


# ---- the app ---------------------------------------------------------------------------------


def test_a_broken_xlsx_in_the_staff_import_is_explained_in_dutch():
    at = _app()
    before = at.session_state["raw"]["staff"]
    at.file_uploader(key="up_staff").set_value(("formatie.xlsx", b"PK\x03\x04 kapot", "application/octet-stream")).run()
    assert not at.exception
    assert any("Excel-bestand kan niet worden gelezen" in e.value for e in at.error)
    assert at.session_state["raw"]["staff"] == before


def test_an_unforeseen_failure_in_an_upload_is_explained_in_dutch(monkeypatch):
    import pricing.benchmark
    import ui.sidebar
    import ui.state

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/app/pricing/geheim.py regel 12")

    monkeypatch.setattr(ui.state, "parse_scenario_text", broken)
    expected = (
        "Het openen van het scenario is niet gelukt door een fout in het programma. Er is niets "
        "gewijzigd. Meld dit bij de beheerder, met het bestand als dat kan."
    )
    assert ui.state.read_scenario_upload(b"name: x", "x.yaml") == (None, [expected])
    monkeypatch.setattr(ui.sidebar, "parse_benchmark_set", broken)
    at = _app()
    at.file_uploader(key="up_benchmark").set_value(("set.yaml", b"name: x", "application/x-yaml")).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "niet gelukt door een fout in het programma" in shown and "/srv/app" not in shown
    assert pricing.benchmark.parse_benchmark_set is not broken


def test_a_scenario_whose_years_are_written_as_numbers_and_as_text_opens():
    """YAML keeps 2028 a number and '2029' text; the scenario is valid (a year may be written either
    way), so the app opens it instead of failing on the mixed keys."""
    from pricing.scenario import dump_scenario, read_scenario_file

    text = dump_scenario(read_scenario_file(EXAMPLE)).replace(
        "  indexation:\n", "  indexation:\n    per_year: {2028: 0.035, '2029': 0.03}\n", 1
    )
    assert "per_year: {2028: 0.035, '2029': 0.03}" in text
    at = _app()
    at.file_uploader(key="up_scenario").set_value(("jaren.yaml", text.encode(), "application/x-yaml")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["raw"]["contract"]["indexation"]["per_year"] == {2028: 0.035, "2029": 0.03}
    assert not at.session_state["problems"]
