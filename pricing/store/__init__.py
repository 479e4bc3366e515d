"""Scenario store: immutable versions per negotiation round, per workspace, in a real database.

SQLite file by default (``data/reele_prijs.sqlite`` in a checkout, the user's data folder for an installed
package; created on first use); any SQLAlchemy URL,
PostgreSQL included, through the environment variable ``REELE_PRIJS_DATABASE_URL``.

Rules the store keeps:
- a save never changes an existing version: it adds version N+1 in one transaction;
- a save based on an older version still keeps its content, and the result says so (conflict), so
  two people saving at once both keep their work and the second one is told;
- only valid scenarios are stored (the engine's validation runs first);
- every query is bound to one workspace, opened with its access code (stored as a scrypt hash);
- a file that is not this app's database gives a Dutch message, never a traceback.
"""

from pricing.store.database import DATABASE_URL_ENV, default_database_url
from pricing.store.errors import AccessDenied, StoreError
from pricing.store.records import ROLES, SaveResult, ScenarioInfo, VersionInfo
from pricing.store.session import WorkspaceSession
from pricing.store.store import ScenarioStore

__all__ = [
    "DATABASE_URL_ENV",
    "ROLES",
    "AccessDenied",
    "SaveResult",
    "ScenarioInfo",
    "ScenarioStore",
    "StoreError",
    "VersionInfo",
    "WorkspaceSession",
    "default_database_url",
]
