"""The package as a user installs it: built into a wheel, installed into an empty folder and run
from another folder, it still finds the files it reads at run time (about 10 s: pip builds the
wheel with the setuptools pyproject.toml asks for; the wheel is built and installed once).

Before, pricing.method read docs/methode.md and pricing.benchmark the default benchmark set
benchmarks/indicatief.yaml next to the source tree, which no wheel holds: an installed package could
not show a method section (FileNotFoundError), and ``costprice`` and ``offer`` stopped on a
BenchmarkFileError."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "pricing", "ui", "docs/methode.md", "benchmarks")
SCENARIO = ROOT / "examples" / "voorbeeld.yaml"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources (a build in place would leave build/ in the tree)."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source, target = ROOT / name, tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():  # symbolic links stay links, so they point into the copy
            shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(tree), "-w", str(out)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_holds_the_method_document_as_it_is_in_docs(wheel):
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("pricing/methode.md").decode("utf-8")
    assert shipped == (ROOT / "docs" / "methode.md").read_text(encoding="utf-8")


def test_the_wheel_holds_the_default_benchmark_set_as_it_is_in_benchmarks(wheel):
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("pricing/benchmarks/indicatief.yaml")
    assert shipped == (ROOT / "benchmarks" / "indicatief.yaml").read_bytes()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The folder the wheel is installed into, without its dependencies (those come from the venv)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A folder with nothing of the repository in it but a copy of the demo scenario."""
    shutil.copy2(SCENARIO, tmp_path / SCENARIO.name)
    return tmp_path


def run_installed(
    target: Path, code: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with the installed copy of pricing first on the path, then the venv's packages.

    -I: neither the working folder nor PYTHONPATH is on the path. The script checks that pricing is
    the installed copy, so a test cannot pass on the source tree by accident."""
    script = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import pricing; "
        f"assert pricing.__file__.startswith({str(target)!r}), pricing.__file__; " + code
    )
    return subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


def run_installed_cli(
    target: Path, args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m pricing ARGS`` on the installed copy."""
    code = f"import runpy; sys.argv = ['pricing', *{args!r}]; runpy.run_module('pricing', run_name='__main__')"
    return run_installed(target, code, cwd, env)


def test_the_installed_package_shows_a_method_section_from_another_folder(installed, elsewhere):
    run = run_installed(installed, "import pricing.method as m; print(m.section_markdown('3.9'))", elsewhere)
    assert run.returncode == 0, run.stderr
    assert "productieve" in run.stdout.lower() and len(run.stdout) > 200


def test_the_installed_cost_price_from_another_folder_is_the_source_trees(installed, elsewhere):
    run = run_installed_cli(installed, ["costprice", SCENARIO.name, "--json"], elsewhere)
    assert run.returncode == 0, run.stderr
    source = subprocess.run(  # the source tree, from the repository's root as a developer runs it
        [sys.executable, "-m", "pricing", "costprice", str(SCENARIO), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    shown = json.loads(run.stdout)
    assert shown == json.loads(source.stdout)
    assert any(row["sourced"] for row in shown["sensitivity"])  # ranges from the default benchmark set


def test_the_installed_offer_pdf_from_another_folder_holds_the_benchmark_section(installed, elsewhere):
    run = run_installed_cli(installed, ["offer", SCENARIO.name, "-o", "offerte.pdf"], elsewhere)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(
        ["pdftotext", str(elsewhere / "offerte.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Onderbouwing met benchmarks" in text


def test_the_installed_store_lives_in_the_users_data_folder_not_in_site_packages(
    installed, elsewhere, tmp_path_factory
):
    """Before, the default SQLite file was data/ above pricing/: inside site-packages once installed."""
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k != "REELE_PRIJS_DATABASE_URL"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    run = run_installed_cli(installed, ["workspace", "list"], elsewhere, env)
    assert run.returncode == 0, run.stderr
    assert (home / "share" / "reele-prijs" / "reele_prijs.sqlite").is_file()
    assert not (installed / "data").exists()
    assert not list(elsewhere.glob("**/*.sqlite"))
