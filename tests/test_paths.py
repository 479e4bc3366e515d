"""Key paths in a raw scenario dict: None means 'not given', removal leaves no empty mappings."""

from pricing.paths import get_path, set_path


def test_missing_and_null_read_as_the_default():
    raw = {"norms": {"overhead": {"pct": 0.25, "convention": None}}}
    assert get_path(raw, ("norms", "overhead", "pct")) == 0.25
    assert get_path(raw, ("norms", "overhead", "convention"), "markup") == "markup"
    assert get_path(raw, ("norms", "reserve", "years")) is None
    assert get_path({"norms": 3}, ("norms", "risk_pct")) is None


def test_set_creates_parents_and_copies_the_value():
    raw, reserve = {}, {"target": 1, "current": 0, "years": 2}
    set_path(raw, ("norms", "reserve"), reserve)
    reserve["years"] = 99
    assert raw == {"norms": {"reserve": {"target": 1, "current": 0, "years": 2}}}


def test_setting_none_removes_the_key_and_empty_parents_only():
    raw = {"name": "x", "norms": {"overhead": {"pct": 0.2}, "risk_pct": 0.01}}
    set_path(raw, ("norms", "overhead", "pct"), None)
    assert raw == {"name": "x", "norms": {"risk_pct": 0.01}}
    set_path(raw, ("norms", "risk_pct"), None)
    assert raw == {"name": "x"}
    set_path(raw, ("employer", "whk_pct"), None)  # removing what is not there changes nothing
    assert raw == {"name": "x"}
