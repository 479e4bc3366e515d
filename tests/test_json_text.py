"""pricing.json_text writes what ``json.dumps(doc, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pricing.json_text import dumps_indented
from tests.example_counts import examples

ROOT = Path(__file__).resolve().parents[1]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),  # every code point: quotes, backslashes, control characters, surrogates, emoji
)
keys = st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none())
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=5).map(tuple),
        st.dictionaries(keys, inner, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=examples(400), deadline=None)
@given(documents)
def test_the_same_text_as_json_dumps(doc):
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_the_same_text_for_the_commands_documents():
    from pricing.display import evaluation_json
    from pricing.evaluation import evaluate
    from pricing.parameters import default_parameter_book
    from pricing.scenario import load_scenario

    book = default_parameter_book()
    for name in ("voorbeeld.yaml", "gemeente.yaml"):
        doc = evaluation_json(evaluate(load_scenario(ROOT / "examples" / name, book), book))
        assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [object(), {1, 2}, b"bytes", {"a": [object()]}])
def test_what_json_cannot_write_is_refused_as_json_refuses_it(value):
    with pytest.raises(TypeError):
        json.dumps(value, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps_indented(value)


def test_a_key_json_cannot_write_is_refused():
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): 3})


# Strings that look like the separators and brackets the list-of-records path recognises.
record_texts = st.one_of(
    st.text(), st.sampled_from(["},\n{", "}, {", "{", "}", "[{", "}]", '"}', '{"', ",\n", "\n  {"])
)
record_keys = st.one_of(record_texts, st.integers(), st.floats(), st.booleans(), st.none())
record_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), record_texts)
records = st.lists(st.dictionaries(record_keys, record_scalars, min_size=1, max_size=6), min_size=1, max_size=6)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(records, records.map(tuple), st.dictionaries(st.text(), records, max_size=3)))
def test_a_list_of_flat_records_is_written_as_json_dumps_writes_it(doc):
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_a_list_of_records_with_an_empty_or_nested_one_is_written_as_json_dumps_writes_it():
    for doc in ([{"a": 1}, {}], [{"a": 1}, {"b": [1]}], [{"a": {"b": 1}}], [{"a": 1}, 2], [[{"a": 1}]]):
        assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)
