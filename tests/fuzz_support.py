"""A generator of hostile scenario files and the pipeline they go through (shared by tests/test_fuzz.py,
bench/fuzz.py and bench/fuzz_cli.py).

A generated file starts from one of the shipped scenarios (with or without a contract), gets a few
structural mutations (a value replaced by an extreme number, hostile text, a wrong type, a deep or
wide structure; a key removed or added), is written as YAML or JSON, and then gets a few textual
mutations (YAML 1.1 number forms, ambiguous amounts, duplicate and complex keys, anchors and
aliases, tags, truncation, stray bytes). :func:`run_pipeline` takes it through the loader,
validation, the engine and every contract variant, and the PDF's text escaping of every user string;
every input must either compute or be refused with a ScenarioError listing Dutch problems.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

from hypothesis import strategies as st

from pricing.loading import dump_yaml
from pricing.scenario import (
    ScenarioError,
    _plain,
    parse_scenario_text,
    read_scenario_file,
    validate_scenario,
)

ROOT = Path(__file__).resolve().parents[1]
BASES = tuple(
    _plain(read_scenario_file(ROOT / path))
    for path in ("examples/voorbeeld.yaml", "examples/gemeente.yaml", "tests/fixtures/organisation.yaml")
)


def leaf_paths(value, prefix=()):
    """Every path into ``value`` (dict keys and list indexes), the root excluded."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield prefix + (key,)
            yield from leaf_paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield prefix + (index,)
            yield from leaf_paths(child, prefix + (index,))


BASE_PATHS = tuple(tuple(leaf_paths(base)) for base in BASES)

HOSTILE_TEXT = st.sampled_from(
    [
        "**VET** _schuin_ ![x](http://127.0.0.1:8649/md.png)",
        "<img src=http://127.0.0.1:8649/h.png>",
        ":red[**ONDER KOSTPRIJS**]",
        '=HYPERLINK("http://x")',
        " =1+1",
        "\u00a0=1",
        "\n=1",
        "＝1+1",
        "＋1",
        "@SUM(A1)",
        "-2+3",
        "<b>",
        "</para>",
        "&amp;",
        "]]>",
        "R&D",
        "Łódź",
        "\x07\x00",
        "\u202e",
        "😀" * 20,
        "$x^2$",
        "# kop",
        "> citaat",
        "[link](javascript:alert(1))",
        "a" * 5000,
        "",
        " ",
        "\t",
        "²",
        "٣",
        "1e30",
        "010",
        "1:30",
        "85.000",
        "yes",
        "null",
        "start",
        "2026-02-30",
        "vast",
        "flexibel",
        "permanent",
    ]
)
NUMBERS = (
    st.sampled_from(
        [
            0,
            -1,
            1,
            0.5,
            1e-300,
            -1e-300,
            5e-324,
            1e28,
            9.999e27,
            10**28 + 1,
            1e30,
            -1e30,
            1e308,
            -1e308,
            10**400,
            -(10**400),
            2**63,
            2**31,
            85.0,
            85000,
            499.999,
            500,
            500.0001,
            0.45,
            0.4500001,
            100,
            2400,
        ]
    )
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
)
SCALARS = st.none() | st.booleans() | NUMBERS | HOSTILE_TEXT | st.text(max_size=40) | st.dates().map(str)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12) | HOSTILE_TEXT, children, max_size=5)
    ),
    max_leaves=25,
)
DEEP = st.integers(1, 60).map(lambda n: _nest(n))
WIDE = st.integers(1, 3000).map(lambda n: list(range(n)))


def _nest(depth: int):
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


TEXT_EDITS = st.sampled_from(
    [
        ("number", "010"),
        ("number", "1:30"),
        ("number", "85.000"),
        ("number", "0x1F"),
        ("number", "1_000"),
        ("number", ".inf"),
        ("number", "1e400"),
        ("number", "1" + "0" * 400),
        ("number", "yes"),
        ("number", "²"),
        ("duplicate", None),
        ("complex_key", None),
        ("alias_bomb", None),
        ("anchor", None),
        ("tag", None),
        ("truncate", None),
        ("bytes", None),
        ("bom", None),
        ("tab", None),
        ("document", None),
    ]
)


@st.composite
def scenario_files(draw) -> tuple[bytes, str]:
    """One generated scenario file: (content, file name)."""
    index = draw(st.integers(0, len(BASES) - 1))
    raw = copy.deepcopy(BASES[index])
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 2, 3, 4]))):
        path = draw(st.sampled_from(BASE_PATHS[index]))
        action = draw(
            st.sampled_from(
                [
                    "value",
                    "number",
                    "text",
                    "delete",
                    "add",
                    "deep",
                    "wide",
                    "copy",
                    "scale",
                    "scale",
                    "scale",
                    "scale",
                    "rename",
                    "rename",
                    "rename",
                ]
            )
        )
        _mutate(raw, path, action, draw)
    as_json = draw(st.booleans())
    try:
        text = json.dumps(raw, ensure_ascii=draw(st.booleans()), default=str) if as_json else dump_yaml(raw)
    except (ValueError, RecursionError):
        text = "{}"
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 0, 0, 1, 1, 2]))):
        text = _edit_text(text, draw(TEXT_EDITS), draw, as_json)
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if draw(st.integers(0, 30)) == 0:
        cut = draw(st.integers(0, max(0, len(data) - 1)))
        data = data[:cut] + bytes([draw(st.integers(0, 255))]) + data[cut + 1 :]
    return data, "scenario.json" if as_json else "scenario.yaml"


def _mutate(raw: dict, path: tuple, action: str, draw) -> None:
    target = raw
    try:
        for key in path[:-1]:
            target = target[key]
        last = path[-1]
        if action == "delete":
            del target[last]
        elif action == "add" and isinstance(target, dict):
            target[draw(st.text(max_size=10) | HOSTILE_TEXT)] = draw(VALUES)
        elif action == "deep":
            target[last] = draw(DEEP)
        elif action == "wide":
            target[last] = draw(WIDE)
        elif action == "scale" and isinstance(target[last], (int, float)) and not isinstance(target[last], bool):
            factor = draw(st.sampled_from([0, 0.5, 0.9, 0.999, 1.001, 1.1, 2, -1]))
            try:
                target[last] = target[last] * factor
            except OverflowError:  # an earlier mutation put a huge integer here
                target[last] = -target[last]
        elif action == "rename" and isinstance(target[last], str):
            target[last] = draw(HOSTILE_TEXT | st.text(min_size=1, max_size=80))
        elif action in ("scale", "rename"):
            pass  # not a number or a text here: left as it is
        elif action == "number":
            target[last] = draw(NUMBERS)
        elif action == "text":
            target[last] = draw(HOSTILE_TEXT)
        elif action == "copy" and isinstance(target, list):
            target.extend([copy.deepcopy(target[last])] * draw(st.integers(1, 50)))
        else:
            target[last] = draw(VALUES)
    except (KeyError, IndexError, TypeError):
        pass  # an earlier mutation replaced the parent


_NUMBER = re.compile(r"(?<=: )-?[0-9]+(\.[0-9]+)?(?=[,}\n])")


def _edit_text(text: str, edit: tuple, draw, as_json: bool) -> str:
    kind, value = edit
    lines = text.split("\n")
    if kind == "number":
        found = list(_NUMBER.finditer(text))
        if found:
            match = draw(st.sampled_from(found))
            return text[: match.start()] + value + text[match.end() :]
        return text
    if kind == "duplicate" and len(lines) > 2:
        at = draw(st.integers(0, len(lines) - 1))
        return "\n".join(lines[: at + 1] + [lines[at]] + lines[at + 1 :])
    if kind == "complex_key":
        return text + ("\n? [a, b]\n: 1\n" if not as_json else "")
    if kind == "alias_bomb":
        bomb = ["x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in range(1, draw(st.integers(2, 12))):
            bomb.append(f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]")
        return "\n".join(bomb) + "\n" + text
    if kind == "anchor":
        return text.replace("staff:", "staff: &s", 1) + "\nnotes: *s\n"
    if kind == "tag":
        return text.replace("name:", "name: !!python/object/apply:os.system", 1)
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "bytes":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(["\x00", "\ufeff", "\udcff", "\x1b[31m", "\r", "\u2028"])) + text[at:]
    if kind == "bom":
        return "\ufeff" + text
    if kind == "tab":
        return text.replace("  ", "\t", 1)
    if kind == "document":
        return text + "\n---\nname: tweede\n"
    return text


def over_generated_files(examples: int, seed_value: int):
    """Decorator: call the function once per generated file (``case`` = (bytes, name)), generation
    only (no shrinking, no example database), reproducible by ``seed_value``."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    def wrap(function):
        return seed(seed_value)(
            settings(
                max_examples=examples,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(given(scenario_files())(function))
        )

    return wrap


def user_texts(value):
    """Every string inside a raw scenario (names, notes, reasons, functions, tasks, areas)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield str(key)
            yield from user_texts(child)
    elif isinstance(value, list):
        for child in value:
            yield from user_texts(child)


def run_pipeline(data: bytes, filename: str) -> str:
    """Loader, validation, engine, every contract variant and the PDF's text escaping.

    Returns "computed" or "refused"; any other exception propagates (a failure of the fuzz run).
    A refusal must list Dutch problems, each a non-empty sentence of bounded length.
    """
    from pricing.contract import clause_text
    from pricing.evaluation import evaluate
    from pricing.report.pdf import esc

    try:
        raw = parse_scenario_text(data, filename)
        scenario = validate_scenario(raw)
    except ScenarioError as error:
        assert error.problems and all(str(p).strip() for p in error.problems)
        assert all(len(str(p)) < 2000 for p in error.problems), [str(p)[:200] for p in error.problems]
        return "refused"
    evaluation = evaluate(scenario)
    assert evaluation.result.team.tariff_per_hour > 0
    if evaluation.contract is not None:
        for paragraph in clause_text(evaluation.contract):
            esc(paragraph)
    for text in user_texts(raw):
        esc(text)
    return "computed"


def cli_command(index: int, path: Path) -> list[str]:
    """The CLI command a generated file runs as (costprice, budget or check, by ``index``)."""
    if index % 5 == 4:
        return ["check", str(path), "--tariff", "75"]
    if index % 3 == 2:
        return ["budget", str(path)]
    return ["costprice", str(path)]


def cli_verdict(done: subprocess.CompletedProcess) -> str | None:
    """None when the run is acceptable, else what is wrong."""
    err = done.stderr.decode("utf-8", "replace")
    if "Traceback" in err:
        return "traceback"
    if "fout in het programma" in err:
        return "catch-all"
    if done.returncode == 0:
        return None
    if done.returncode != 2:
        return f"exit {done.returncode}"
    if not err.startswith("Fout:") or len(err.strip()) < 12:
        return "message"
    return None
