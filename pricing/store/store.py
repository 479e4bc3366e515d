"""The scenario store: one database holding any number of workspaces, each opened with its access
code (see the package docstring for the rules it keeps)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import exc

from pricing.store import logins, migrations
from pricing.store.access_codes import ACCESS_COST, hash_access_code, verify_access_code
from pricing.store.database import DATABASE_URL_ENV, default_database_url, explain, make_engine, prepare, writing
from pricing.store.errors import AccessDenied, StoreError
from pricing.store.migrations import workspaces
from pricing.store.records import now
from pricing.store.session import SESSION_TOKEN, WorkspaceSession

T = TypeVar("T")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_DUMMY_HASHES: dict[int, str] = {}


class ScenarioStore:
    """A connection to one database holding any number of workspaces."""

    def __init__(
        self, url: str | None = None, *, access_cost: int = ACCESS_COST, login_policy: logins.LoginPolicy | None = None
    ):
        self.url = url or default_database_url()
        self.access_cost = access_cost
        self.login_policy = login_policy or logins.LoginPolicy()
        try:
            self.engine = make_engine(self.url)
        except (exc.ArgumentError, ValueError) as error:
            raise StoreError(
                f"De database-URL in {DATABASE_URL_ENV} is ongeldig ({error}). "
                "Voorbeeld: postgresql+psycopg://gebruiker:wachtwoord@localhost/reele_prijs"
            ) from None
        except ImportError as error:
            raise StoreError(f"Het stuurprogramma voor deze database ontbreekt ({error.name}).") from None
        try:
            prepare(self.engine, self.url)
        except StoreError:
            raise
        except exc.SQLAlchemyError as error:
            raise StoreError(explain(error, self.url)) from None

    @property
    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        try:
            with self.engine.connect() as conn:
                return migrations.current_revision(conn)
        except exc.SQLAlchemyError as error:
            raise StoreError(explain(error, self.url)) from None

    # -- workspaces -----------------------------------------------------------------------------
    def create_workspace(self, slug: str, name: str, access_code: str) -> bool:
        """Create a workspace; True if it was made, False if the code was taken already.

        Both cases cost the same hash, so a caller that shows the same answer for both (the app
        does) reveals nothing about which workspaces exist. The administrator's CLI says which.
        """
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise StoreError(
                "Werkruimte-code: gebruik 2-63 kleine letters, cijfers of streepjes, bijvoorbeeld 'welzijn-de-brug'."
            )
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise StoreError("Naam van de werkruimte: verplicht, ten hoogste 200 tekens.")
        if not isinstance(access_code, str) or len(access_code) < 8:
            raise StoreError("Toegangscode: minstens 8 tekens.")
        access_hash = self._hash(lambda: hash_access_code(access_code, n=self.access_cost))
        try:
            with writing(self.engine) as conn:
                conn.execute(
                    workspaces.insert().values(slug=slug, name=name.strip(), access_hash=access_hash, created_at=now())
                )
        except exc.IntegrityError:
            return False
        except exc.SQLAlchemyError as error:
            raise StoreError(explain(error, self.url)) from None
        return True

    def _hash(self, work: Callable[[], T]) -> T:
        try:
            return logins.bounded_hash(work, self.login_policy.hash_wait)
        except logins.Busy:
            raise AccessDenied(
                "Er worden nu veel aanmeldingen tegelijk gecontroleerd; probeer het over een minuut opnieuw."
            ) from None

    def _login_keys(self, workspace_key: str, address_key: str) -> list[tuple[str, str, int, float]]:
        policy = self.login_policy
        return [
            ("workspace", workspace_key, policy.free_per_workspace, policy.workspace_ceiling),
            ("address", address_key, policy.free_per_address, policy.address_ceiling),
        ]

    def _register_failure(self, keys: list[tuple[str, str, int, float]]) -> None:
        for attempt in range(3):
            try:
                with writing(self.engine) as conn:
                    logins.register_failure(conn, keys, self.login_policy)
                return
            except exc.IntegrityError as error:
                if attempt == 2 or not logins.is_race(error):
                    raise

    def open_workspace(self, slug: str, access_code: str, *, client: str | None = None) -> WorkspaceSession:
        """Open a workspace with its access code. ``client`` is the address the attempt comes from
        (the app passes the browser's); failed attempts are counted and delayed per workspace name
        and per address in the database (pricing/store/logins.py)."""
        slug, client = str(slug)[:200], str(client or "onbekend")[:200]
        address_key = logins.subject("address", client)
        keys = self._login_keys(logins.subject("workspace", slug), address_key)
        try:
            with self.engine.connect() as conn:
                wait = logins.wait_for(conn, keys, self.login_policy)
                row = (
                    None
                    if wait
                    else conn.execute(sa.select(workspaces).where(workspaces.c.slug == slug)).mappings().first()
                )
        except exc.SQLAlchemyError as error:
            raise StoreError(explain(error, self.url)) from None
        if wait:
            raise AccessDenied(f"Te veel onjuiste pogingen; probeer het over {_seconds(wait)} opnieuw.")
        # An unknown workspace costs the same scrypt work as a wrong code and gets the same answer,
        # so neither the message nor the time tells which workspaces exist.
        if row is not None:
            stored = row["access_hash"]
        else:
            stored = _DUMMY_HASHES.get(self.access_cost) or _DUMMY_HASHES.setdefault(
                self.access_cost, self._hash(lambda: hash_access_code("onbekende werkruimte", n=self.access_cost))
            )
        correct = self._hash(lambda: verify_access_code(str(access_code), stored))
        try:
            if not correct or row is None:
                self._register_failure(keys)
                raise AccessDenied("Werkruimte of toegangscode onjuist.")
            with writing(self.engine) as conn:
                logins.register_success(conn, address_key)
        except exc.SQLAlchemyError as error:
            raise StoreError(explain(error, self.url)) from None
        return WorkspaceSession(self, row["id"], row["slug"], row["name"], _token=SESSION_TOKEN)

    def workspace_names(self) -> list[tuple[str, str]]:
        """Every workspace's code and name: for the server's administrator (the CLI), never the app."""
        try:
            with self.engine.connect() as conn:
                return [
                    (r.slug, r.name)
                    for r in conn.execute(sa.select(workspaces.c.slug, workspaces.c.name).order_by(workspaces.c.slug))
                ]
        except exc.SQLAlchemyError as error:
            raise StoreError(explain(error, self.url)) from None

    def dispose(self) -> None:
        self.engine.dispose()


def _seconds(wait: float) -> str:
    wait = int(wait)
    if wait < 120:
        return f"{wait} seconde" + ("" if wait == 1 else "n")
    return f"{math.ceil(wait / 60)} minuten"
