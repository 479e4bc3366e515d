"""The package as a user installs it: built into a wheel, installed into an empty folder and run
from another folder, it still finds the files it reads at run time (about 10 s: pip builds the
wheel with the setuptools pyproject.toml asks for).

Before, pricing.method read docs/methode.md next to the source tree, which no wheel holds: an
installed package could not show a method section (FileNotFoundError)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "pricing", "ui", "docs/methode.md")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources (a build in place would leave build/ in the tree)."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source, target = ROOT / name, tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():  # symbolic links stay links, so pricing/methode.md points at the copy
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


def test_the_installed_package_shows_a_method_section_from_another_folder(wheel, tmp_path):
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    # -I: neither the working folder nor PYTHONPATH, so only the installed copy of pricing is found.
    script = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import pricing.method as m; "
        "print(m.__file__); print(m.section_markdown('3.9'))"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    where, text = run.stdout.split("\n", 1)
    assert where.startswith(str(target))
    assert "productieve" in text.lower() and len(text) > 200
