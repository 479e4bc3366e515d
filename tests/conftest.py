import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def postgres_server():
    import os

    from tests.store_support import URL_ENV, ExistingPostgres, PrivatePostgres

    server = ExistingPostgres(os.environ[URL_ENV]) if os.environ.get(URL_ENV) else PrivatePostgres()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def param_dir(tmp_path: Path) -> Path:
    """A copy of the shipped parameter edition to edit."""
    import shutil

    from pricing.parameters import PARAMETER_DIR

    target = tmp_path / "parameters"
    shutil.copytree(PARAMETER_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


@pytest.fixture
def cap_6_8_dir(param_dir: Path) -> Path:
    """The shipped edition with the ORT cap at scale 6 step 8: a cell with an amount, but scale 6
    stops at step 8, so the shipped cap's step 11 beside scale 6 names no amount."""
    rules = param_dir / "cao_rules.yaml"
    text = rules.read_text(encoding="utf-8")
    for old, new in (
        ("      2023-07-01: 5\n", "      2023-07-01: 6\n"),
        ("      2023-07-01: 11\n", "      2023-07-01: 8\n"),
    ):
        assert old in text, f"test setup: {old!r} not in cao_rules.yaml"
        text = text.replace(old, new, 1)  # the first of each is the cap's (ort_cap_scale, ort_cap_step)
    rules.write_text(text, encoding="utf-8")
    return param_dir


def pytest_configure(config):
    """Hypothesis example counts for this run (tests/example_counts.py): full in CI and without
    ``-m``, a tenth in the local loop."""
    from tests.example_counts import choose_for_run

    choose_for_run(config.getoption("markexpr", "") or "")


def pytest_collection_modifyitems(config, items):
    """Mark the slow kinds so the fast loop is ``python -m pytest -m "not browser and not postgres"``:
    every test in a ``test_browser*.py`` module drives Chromium; every test that needs the PostgreSQL
    server (directly, or through a ``store_url`` parameter) needs PostgreSQL."""
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_browser"):
            item.add_marker(pytest.mark.browser)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "postgres_server" in getattr(item, "fixturenames", ()) or "postgresql" in params.values():
            item.add_marker(pytest.mark.postgres)
