"""The command line: each command run as a user runs it (a subprocess: exit code, JSON, Dutch
help), and its error messages and notations run in-process (tests/cli_support.py), which checks
the same output without a process's start-up per case."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
DEMO = str(ROOT / "tests" / "fixtures" / "organisation.yaml")


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "pricing", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_costprice_json_matches_the_engine():
    from pricing.costprice import compute
    from pricing.scenario import load_scenario

    done = cli("costprice", DEMO, "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    result = compute(load_scenario(DEMO))
    assert doc["team"]["tariff_per_hour"] == pytest.approx(result.team.tariff_per_hour, abs=0.005)
    assert doc["team"]["annual_budget"] == pytest.approx(result.team.annual_budget, abs=0.005)
    assert len(doc["lines"]) == 8


def test_costprice_table_is_dutch():
    done = run_cli("costprice", DEMO)
    assert done.returncode == 0
    assert "Reëel tarief per uur" in done.stdout and "€ 71,14" in done.stdout


def test_check_json_fields():
    done = cli("check", DEMO, "--tariff", "64", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) >= {
        "offered",
        "realistic",
        "gap_per_hour",
        "gap_pct",
        "gap_per_year",
        "implied_productivity",
        "implied_overhead_pct",
        "verdict",
    }
    assert doc["verdict"] == "below_cost"
    assert doc["gap_per_hour"] == pytest.approx(64 - 71.14, abs=0.01)


def test_check_per_fte_accepts_a_dutch_decimal_comma():
    done = run_cli("check", DEMO, "--tariff", "101000,50", "--per", "fte")
    assert done.returncode == 0, done.stderr
    assert "Oordeel" in done.stdout


def test_index_json_reproduces_vng_2024():
    done = cli("index", "--year", "2024", "--json")
    doc = json.loads(done.stdout)
    assert doc["provider_index"] == pytest.approx(6.2941, abs=0.001)
    assert doc["catch_up"] == pytest.approx(1.5971, abs=0.001)
    done = run_cli("index", "--year", "2024", "--catch-up", "additive", "--json")
    assert json.loads(done.stdout)["catch_up"] == pytest.approx(1.673, abs=0.001)


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("costprice", "bestaat-niet.yaml"), "bestaat niet"),
        (("check", DEMO, "--tariff", "abc"), "geen getal"),
        (("check", DEMO, "--tariff", "-3"), "groter dan"),
        (("index", "--year", "2026"), "OVA voorlopig 2026 (--ova-provisional)"),
        (("index", "--year", "2024", "--wage-weight", "90"), "tussen 0 en 1"),
        (("frobnicate",), "ongeldige keuze"),
        (("check", DEMO), "deze argumenten ontbreken: --tariff"),
        (("check", DEMO, "--tariff", "101,000.50", "--per", "fte"), "Engelse notatie"),
        (("costprice", "/tmp"), "geen bestand"),
        (("costprice", "/tmp/" + "a" * 300 + ".yaml"), "kan niet worden gelezen: de naam is te lang"),
        (("check", DEMO, "--tariff", "62 %"), "'62 %' heeft een procentteken, maar hier hoort een bedrag in euro"),
        (("check", DEMO, "--tariff", "١٢"), "'١٢' is geen getal"),
        (("check", DEMO, "--tariff", "0,0000001"), "minder dan een cent"),
        (("index", "--year", "2_026"), "'2_026' is geen jaartal; schrijf vier cijfers"),
        (("index", "--year", "٢٠٢٦"), "is geen jaartal"),
        (("index", "--year", "2024", "--wage-weight", "0,9 %"), "hier hoort een fractie"),
        (
            ("index", "--year", "2027", "--ova-p", "-0,01"),
            "dubbelzinnige optie: --ova-p kan staan voor --ova-provisional",
        ),
        (("index", "--year", "2025", "--wage-weight", "90"), "Gewicht loonindex: 90 moet een getal tussen 0 en 1 zijn"),
        (("costprice", DEMO, "--json", "-5"), "onbekende argumenten: -5"),
    ],
)
def test_user_errors_exit_2_with_a_dutch_message_and_no_traceback(args, fragment):
    done = run_cli(*args)
    assert done.returncode == 2
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize(
    "written", [["--ova-provisional", "-0,01"], ["--ova-provisional=-0,01"], ["--ova-provisional", "-0.01"]]
)
def test_a_negative_dutch_fraction_is_taken_as_the_value_of_its_option(written):
    # argparse took '-0,01' for an option and said "verwacht een waarde" although one was given.
    others = ["--ppc-provisional", "0,02", "--ova-previous-definitive", "0,03", "--ppc-previous-definitive", "0,02"]
    done = run_cli("index", "--year", "2026", *written, *others, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["weighted_provisional"] == pytest.approx(0.9 * -1 + 0.1 * 2)  # percent


def test_a_file_named_like_a_negative_number_after_a_flag_is_read_as_the_file(tmp_path):
    # The joining of "--option -0,01" once made "--json -1" into "--json=-1": "neemt geen waarde".
    (tmp_path / "-1").write_bytes(Path(DEMO).read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "pricing", "costprice", "--json", "-1"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scenario"] == json.loads(cli("costprice", DEMO, "--json").stdout)["scenario"]


def test_an_abbreviated_option_still_takes_its_negative_value():
    others = ["--ppc-provisional", "0,02", "--ova-previous-definitive", "0,03", "--ppc-previous-definitive", "0,02"]
    done = run_cli("index", "--year", "2026", "--ova-prov", "-0,01", *others, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["weighted_provisional"] == pytest.approx(0.9 * -1 + 0.1 * 2)


def test_a_parameter_folder_entry_that_is_no_file_is_named(tmp_path):
    # It used to stop the command with "fout in het programma (IsADirectoryError)".
    for source in (ROOT / "pricing" / "parameters").glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "extra.yaml").mkdir()
    done = run_cli("costprice", DEMO, "--parameters", str(tmp_path))
    assert done.returncode == 2
    assert "extra.yaml" in done.stderr and "is geen bestand" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout and "fout in het programma" not in done.stderr


def test_a_parameter_file_that_is_no_utf8_text_is_named(tmp_path):
    for source in (ROOT / "pricing" / "parameters").glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "edition.yaml").write_bytes(b"\xff\xfe")
    done = run_cli("costprice", DEMO, "--parameters", str(tmp_path))
    assert done.returncode == 2
    assert "edition.yaml: bestand is geen UTF-8-tekst" in done.stderr


def test_invalid_scenario_lists_its_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\norganisation: y\ndate: 2026-01-01\nemployer: {large: true}\n"
        "staff:\n  - {function: a, scale: 99, step: 1, fte: -1, contract: permanent}\n",
        encoding="utf-8",
    )
    done = run_cli("costprice", str(bad))
    assert done.returncode == 2
    assert "staff[1].scale" in done.stderr and "staff[1].fte" in done.stderr


def test_workspace_create_and_list(tmp_path, monkeypatch):
    """Created by a process, as a user does; listed, refused twice and asked for its code
    in-process, against the same database file."""
    import os

    monkeypatch.setenv("REELE_PRIJS_DATABASE_URL", f"sqlite:///{tmp_path / 'w.sqlite'}")
    monkeypatch.setenv("REELE_PRIJS_ACCESS_CODE", "welkom-2026")
    made = subprocess.run(
        [sys.executable, "-m", "pricing", "workspace", "create", "de-brug", "--name", "Welzijn De Brug"],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert made.returncode == 0, made.stderr
    assert run_cli("workspace", "list").stdout.strip() == "de-brug\tWelzijn De Brug"
    again = run_cli("workspace", "create", "de-brug", "--name", "Nog eens")
    assert again.returncode == 2 and "bestaat al" in again.stderr
    monkeypatch.delenv("REELE_PRIJS_ACCESS_CODE")
    missing = run_cli("workspace", "create", "ander", "--name", "Ander")
    assert missing.returncode == 2 and "REELE_PRIJS_ACCESS_CODE" in missing.stderr


def test_help_is_dutch():
    done = cli("check", "--help")
    assert done.returncode == 0
    assert "gebruik:" in done.stdout and "opties:" in done.stdout and "toon deze hulp" in done.stdout
    assert "usage:" not in done.stdout and "show this help" not in done.stdout


def test_dutch_notation_amounts():
    done = run_cli("check", DEMO, "--tariff", "101.000,50", "--per", "fte", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["offered"] == pytest.approx(101000.50 / 1405.13, abs=0.01)
    assert json.loads(run_cli("check", DEMO, "--tariff", "64,125", "--json").stdout)["offered"] == 64.13


@pytest.mark.parametrize("command", [("costprice", "--json"), ("costprice",), ("budget", "--json")])
def test_costprice_and_budget_import_neither_numpy_nor_the_store(command):
    """Start-up is most of a command's time (docs/performance.md): numpy alone takes about 90 ms
    and SQLAlchemy more; the demo (with its contract, NPV, tornado and risk band) needs neither."""
    name, *flags = command
    probe = (
        "import contextlib, io, sys\n"
        "from pricing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main([{name!r}, {str(ROOT / 'examples' / 'voorbeeld.yaml')!r}, *{flags!r}])\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'sqlalchemy', 'pandas'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.split(None, 1) == ["0", "[]\n"], done.stdout + done.stderr


def test_input_models_build_their_validators_only_when_validated():
    """The input models are deferred (pricing.input_errors.InputModel): importing them builds no
    validator, and loading the demo builds only the models it validates directly; the nested ones
    (on-call days, overhead lines, reserve, employer, indexation clause) are part of their root's."""
    probe = (
        "import pydantic, pricing.scenario_input as m\n"
        "from pricing.parameters import load_parameter_book\n"
        "from pricing.scenario import load_scenario\n"
        "models = sorted(n for n, v in vars(m).items() if isinstance(v, type) and issubclass(v, m.InputModel)"
        " and v is not m.InputModel)\n"
        "built = lambda: [n for n in models if getattr(m, n).__pydantic_complete__]\n"
        "print(built())\n"
        f"load_scenario({str(ROOT / 'examples' / 'voorbeeld.yaml')!r}, load_parameter_book())\n"
        "print(built())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "['NormsInput', 'ScenarioInput', 'StaffLineInput']"], done.stdout


def test_an_unknown_variant_is_echoed_escaped():
    done = run_cli("budget", str(ROOT / "examples" / "voorbeeld.yaml"), "--variant", "x\x1b[31m")
    assert done.returncode == 2
    assert "variant 'x\\x1b[31m' bestaat niet; bekend: Plus, Sober" in done.stderr
    assert "\x1b" not in done.stderr
