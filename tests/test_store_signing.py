"""Signed history: exports carry an HMAC by the server's key; only a valid signature keeps history."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from pricing.scenario import read_scenario_file
from pricing.store import ScenarioStore, StoreError, signing
from pricing.store.version_rows import canonical_content

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "tests" / "fixtures" / "organisation.yaml")
CODE = "geheim-2026"


def _store(url, slug="de-brug"):
    store = ScenarioStore(url, access_cost=2**10)
    store.create_workspace(slug, "Welzijn De Brug", CODE)
    return store, store.open_workspace(slug, CODE)


@pytest.fixture
def here(store_url):
    store, ws = _store(store_url)
    sid, _ = ws.create_scenario("Offerte", DEMO, author="Anna de Vries", role="aanbieder", note="Eerste bod")
    raw = copy.deepcopy(DEMO)
    raw["staff"][0]["fte"] = 10.0
    ws.save(sid, raw, base_version=1, author="Bert Jansen", role="gemeente", round=2, note="Tegenbod")
    yield ws, sid
    store.dispose()


def test_an_export_is_signed_and_a_verified_import_keeps_its_history(here):
    ws, sid = here
    data = ws.export(sid)
    document = json.loads(data)
    assert document["signature"]["algorithm"] == "HMAC-SHA256" and len(document["signature"]["value"]) == 64
    new_id = ws.import_export(data, importer="Carla")
    before, after = ws.versions(sid), ws.versions(new_id)
    assert [(v.number, v.round, v.role, v.author, v.note, v.created_at, v.tariff) for v in after] == [
        (v.number, v.round, v.role, v.author, v.note, v.created_at, v.tariff) for v in before
    ]
    assert all(v.provenance_text == "geïmporteerd, geverifieerd" and v.imported_by == "Carla" for v in after)
    assert ws.outcome(new_id, 2) == ws.outcome(sid, 2)  # the figures agreed then, not recomputed


def _assert_unverified(ws, new_id, claimed_author):
    versions = ws.versions(new_id)
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
    now = dt.datetime.now(dt.UTC)
    for v in versions:
        assert v.provenance_text == "geïmporteerd, niet geverifieerd"
        assert v.author == "Carla" and v.imported_by == "Carla"  # the importing user, never the file's claim
        assert abs((now - v.created_at).total_seconds()) < 120 and abs((now - v.imported_at).total_seconds()) < 120
        assert v.note.startswith("Geïmporteerd, niet geverifieerd; volgens het bestand versie")
    assert claimed_author in versions[0].note
    return versions


def test_a_forged_history_is_imported_as_a_new_unverified_scenario(here):
    ws, sid = here
    document = json.loads(ws.export(sid))
    document["versions"][0]["author"] = "Wethouder X"
    document["versions"][0]["created_at"] = "2020-01-01T00:00:00+00:00"
    document["versions"][1]["number"] = 7
    document["versions"][1]["outcome"]["figures"]["tariff_per_hour"] = 1.0  # a forged agreed price
    new_id = ws.import_export(json.dumps(document).encode(), importer="Carla")
    versions = _assert_unverified(ws, new_id, "Wethouder X")
    assert versions[0].created_at.year != 2020
    assert ws.outcome(new_id, 2).tariff == ws.outcome(sid, 2).tariff != 1.0  # priced on import, not taken


def test_a_recomputed_checksum_or_a_removed_signature_is_not_trusted(here):
    ws, sid = here
    document = json.loads(ws.export(sid))
    changed = document["versions"][1]
    changed["scenario"]["staff"][0]["fte"] = 20.0
    changed["content_hash"] = hashlib.sha256(canonical_content(changed["scenario"]).encode()).hexdigest()
    new_id = ws.import_export(json.dumps(document).encode(), importer="Carla")
    _assert_unverified(ws, new_id, "Anna de Vries")
    assert ws.load(new_id, 2)["staff"][0]["fte"] == 20.0
    unsigned = json.loads(ws.export(sid))
    del unsigned["signature"]
    _assert_unverified(ws, ws.import_export(json.dumps(unsigned).encode(), importer="Carla"), "Anna de Vries")


def test_an_export_from_another_server_is_not_verified(here, tmp_path):
    ws, sid = here
    other_store, other = _store(f"sqlite:///{tmp_path / 'ander.sqlite'}")
    new_id = other.import_export(ws.export(sid), importer="Carla")
    _assert_unverified(other, new_id, "Anna de Vries")
    # Re-exported by the other server and imported there: the mark stays, signature or not.
    again = other.import_export(other.export(new_id), importer="Carla")
    assert {v.provenance_text for v in other.versions(again)} == {"geïmporteerd, niet geverifieerd"}
    other_store.dispose()


def test_one_key_in_the_environment_signs_for_every_process_of_an_installation(here, tmp_path, monkeypatch):
    monkeypatch.setenv(signing.SIGNING_KEY_ENV, "k" * 40)
    ws, sid = here
    other_store, other = _store(f"sqlite:///{tmp_path / 'tweede.sqlite'}")
    new_id = other.import_export(ws.export(sid), importer="Carla")
    assert {v.provenance_text for v in other.versions(new_id)} == {"geïmporteerd, geverifieerd"}
    monkeypatch.setenv(signing.SIGNING_KEY_ENV, "te-kort")
    with pytest.raises(StoreError, match="korter dan 32 tekens"):
        ws.export(sid)
    other_store.dispose()


@pytest.mark.parametrize("key", ["number", "based_on", "round"])
def test_a_version_number_of_2_to_the_63_gives_a_dutch_message(here, key):
    ws, sid = here
    document = json.loads(ws.export(sid))
    document["versions"][1][key] = 2**63
    with pytest.raises(StoreError, match="Exportbestand, versie 2"):
        ws.import_export(json.dumps(document).encode())
