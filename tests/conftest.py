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
