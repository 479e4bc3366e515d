"""Health of every source a user sees: each is a public source (title, link, date) or this model's
own assumption with its reasoning, and none points at project files (an internal reference
document, a test case, a path), which a controller reading the app, the offer PDF or the xlsx
cannot follow.

Covers every parameter reference, every benchmark source, the sources the engine lists for the
demo, the text of the demo offer PDF and the text of the demo workbook.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from pricing.benchmark import load_benchmark_set
from pricing.costprice import compute
from pricing.financial_health import SIGNALS
from pricing.parameters import ASSUMPTION_LABEL, load_parameter_book
from pricing.scenario import read_scenario_file, validate_scenario

ROOT = Path(__file__).resolve().parents[1]
DEMO = read_scenario_file(ROOT / "examples" / "voorbeeld.yaml")

# What a user must never read as a source: the project's internal reference document, Markdown or
# YAML files, test folders, or any path into the code base.
FORBIDDEN = (
    re.compile(r"DOMAIN", re.IGNORECASE),
    re.compile(r"\.md\b", re.IGNORECASE),
    re.compile(r"\.ya?ml\b", re.IGNORECASE),
    re.compile(r"\btests?/"),
    re.compile(r"\b(?:pricing|ui|bench|benchmarks|examples|docs|tests)/[\w./-]*"),
    re.compile(r"\b[\w-]+\.(?:py|csv|json|toml)\b"),
)
MIN_REASONING = 40  # characters: a reason, not a word


def forbidden_in(text: str) -> list[str]:
    # Links are the way out of the app: a URL's path is not a file path of this project.
    without_urls = re.sub(r"https?://\S+", "", text)
    return [m.group(0) for pattern in FORBIDDEN for m in pattern.finditer(without_urls)]


def _book_references():
    book = load_parameter_book()
    for name, parameter in book.parameters.items():
        for value in parameter.values:
            for ref in value.references:
                yield f"{parameter.file}: {name} ({value.effective})", ref, value.note
    for ref in book.salary.references:
        yield f"{book.salary.file}: table", ref, book.salary.note
    for rise in book.salary.rises:
        for ref in rise.references:
            yield f"{book.salary.file}: rise {rise.effective}", ref, rise.note
    # Forecast values for dates after the published figures: shown like any parameter value.
    for name, parameter in book.parameters.items():
        if parameter.forecast is not None:
            value = parameter.forecast.parameter_value(parameter)
            for ref in value.references:
                yield f"prognose: {name}", ref, value.note
    if book.salary.forecast is not None:
        for rise in book.salary.forecast.rises[:1]:
            for ref in rise.references:
                yield "prognose: cao-verhoging", ref, rise.note


def _benchmark_sources():
    for path in sorted((ROOT / "benchmarks").glob("*.yaml")):
        bset = load_benchmark_set(path)
        for key, band in bset.bands.items():
            for source in band.sources:
                yield f"{path.name}: {key}", source, band.note


def _check_reference(where: str, title: str, href: str, date: str, reasoning: str) -> list[str]:
    problems = []
    if not title.strip():
        problems.append(f"{where}: bron zonder titel")
    if title == ASSUMPTION_LABEL:
        if len(reasoning.strip()) < MIN_REASONING:
            problems.append(f"{where}: '{ASSUMPTION_LABEL}' zonder redenering (sleutel 'reasoning', in het Nederlands)")
        if href:
            problems.append(f"{where}: een aanname van dit model heeft geen link; noem de bron in de redenering")
    else:
        if not re.match(r"https://\S+$", href):
            problems.append(
                f"{where}: publieke bron zonder link (https://...): geef 'href' of maak er "
                f"'{ASSUMPTION_LABEL}' met 'reasoning' van"
            )
        if not date.strip():
            problems.append(
                f"{where}: publieke bron zonder datum (sleutel 'date': publicatiedatum, jaar of cao-periode)"
            )
    for hit in forbidden_in(" ".join((title, date, reasoning))):
        problems.append(f"{where}: verwijzing naar een projectbestand ({hit!r}); noem een publieke bron")
    return problems


@pytest.mark.parametrize("references", [_book_references, _benchmark_sources], ids=["parameters", "benchmarks"])
def test_every_reference_is_public_or_a_reasoned_assumption(references):
    problems = []
    for where, ref, note in references():
        problems += _check_reference(where, ref.title, ref.href, ref.date, ref.reasoning)
        problems += [f"{where}: toelichting verwijst naar een projectbestand ({hit!r})" for hit in forbidden_in(note)]
    assert not problems, "\n".join(problems)


def test_the_edition_text_names_no_project_files():
    edition = load_parameter_book().edition
    texts = [edition.title, edition.description, edition.label]
    texts += [f"{e.parameter} {e.change} {e.source}" for e in edition.changelog]
    hits = [hit for text in texts for hit in forbidden_in(text)]
    assert not hits, hits


def test_every_assumption_parameter_says_why():
    """A parameter with status 'assumption' cites a reasoned assumption or a source with a note."""
    book = load_parameter_book()
    problems = []
    for name, parameter in book.parameters.items():
        for value in parameter.values:
            if value.status != "assumption":
                continue
            reasoned = any(r.title == ASSUMPTION_LABEL and r.reasoning for r in value.references)
            if not reasoned and not value.note:
                problems.append(
                    f"{parameter.file}: {name} ({value.effective}) is een aanname zonder redenering: "
                    f"gebruik '{ASSUMPTION_LABEL}' met 'reasoning' of een 'note'"
                )
    assert not problems, "\n".join(problems)


def test_every_shipped_band_says_which_side_is_favourable():
    for path in sorted((ROOT / "benchmarks").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, band in raw["bands"].items():
            assert band.get("favourable") in ("low", "high", "neither"), (
                f"{path.name}: band {key} zegt niet welke kant gunstig is (favourable: low, high of neither)"
            )


def test_the_social_return_ratio_cites_a_public_source():
    from pricing.social_return import SEOR_SOURCE

    assert "https://" in SEOR_SOURCE and not forbidden_in(SEOR_SOURCE)


def test_signalling_value_sources_are_public_or_reasoned():
    for key, signal in SIGNALS.items():
        if signal is None:
            continue
        assert not forbidden_in(signal.source), (key, signal.source)
        assert "https://" in signal.source or signal.source.startswith(ASSUMPTION_LABEL), (key, signal.source)


@pytest.fixture(scope="module")
def demo_result():
    return compute(validate_scenario(copy.deepcopy(DEMO)))


def test_every_source_the_engine_lists_is_public_or_a_reasoned_assumption(demo_result):
    problems = []
    for u in demo_result.used:
        text = f"{u.source} {u.note}"
        problems += [f"{u.key}: {hit!r} in {u.source!r}" for hit in forbidden_in(text)]
        if u.origin == "parameter" and u.status in ("sourced", "derived"):
            if "https://" not in u.source:
                problems.append(f"{u.key}: bron zonder link: {u.source!r}")
    assert not problems, "\n".join(problems)


def test_the_demo_offer_pdf_names_no_project_files(demo_result):
    pypdf = pytest.importorskip("pypdf")
    from pricing.report import pdf

    data = pdf.render(pdf.offer_content(demo_result))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    # Links may wrap over two lines in a table cell; a path never should appear at all.
    hits = forbidden_in(text.replace("-\n", "-").replace("/\n", "/"))
    assert not hits, hits


def test_the_demo_workbook_names_no_project_files(demo_result):
    from pricing.report.xlsx import build_workbook

    buffer = io.BytesIO()
    build_workbook(demo_result, buffer)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    hits = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    hits += [f"{sheet.title}!{cell.coordinate}: {h!r}" for h in forbidden_in(cell.value)]
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize(
    "text, bad",
    [
        ("Project-aanname, DOMAIN.md paragraaf 3 stap 9", True),
        ("zie tests/cases/cao_table_2021_derivation.yaml", True),
        ("pricing/parameters/pension.yaml", True),
        ("PFZW (2026), https://www.pfzw.nl/werkgevers/premie-en-betalen/premiepercentages-en-franchises.html", False),
        ("Aanname van dit model: zeven feestdagen op een werkdag", False),
    ],
)
def test_the_check_itself_catches_file_references(text, bad):
    assert bool(forbidden_in(text)) is bad


# ---- the method document (docs/methode.md) and the pointers to it -------------------------------


def _method_headings() -> list[str]:
    from pricing.method import METHOD_PATH

    return [
        line.lstrip("#").strip()
        for line in METHOD_PATH.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ") or line.startswith("### ")
    ]


def test_every_section_the_app_points_to_is_a_heading_of_the_method_document():
    from pricing.method import SECTIONS, heading, slug

    headings = _method_headings()
    missing = [heading(s) for s in SECTIONS if heading(s) not in headings]
    assert not missing, f"docs/methode.md mist deze koppen (of ze zijn hernoemd): {missing}"
    numbered = [h for h in headings if re.match(r"\d+(\.\d+)?[. ]", h)]
    assert len(numbered) == len(SECTIONS), "elke genummerde kop staat in pricing.method.SECTIONS"
    slugs = [slug(h) for h in headings]
    assert len(slugs) == len(set(slugs)), "ankers moeten uniek zijn"


def test_every_parameter_and_every_used_value_has_a_method_section(demo_result):
    from pricing.costprice import compute as run
    from pricing.method import SECTIONS, section_for, section_for_used

    book = load_parameter_book()
    unmapped = [name for name, p in book.parameters.items() if section_for(name, p.file) not in SECTIONS]
    simple = copy.deepcopy(DEMO)
    simple.setdefault("norms", {})["flat_oncost_pct"] = 0.35
    for result in (demo_result, run(validate_scenario(simple))):
        unmapped += [u.key for u in result.used if section_for_used(u, book) not in SECTIONS]
    assert not unmapped, f"geen paragraaf in de methode voor: {sorted(set(unmapped))}"


def test_the_method_document_cites_no_project_files():
    from pricing.method import METHOD_PATH

    text = METHOD_PATH.read_text(encoding="utf-8")
    # Code spans hold formulas and the scenario's own words; file paths would be found anywhere.
    assert not forbidden_in(text), forbidden_in(text)


def test_the_pdf_appendix_points_every_row_to_a_method_section(demo_result):
    from pricing.method import SECTIONS
    from pricing.report import pdf

    rows = pdf.parameter_rows(pdf.offer_content(demo_result))
    assert rows[0][-1] == "Methode"
    assert all(r[-1].startswith("§") and r[-1][1:] in SECTIONS for r in rows[1:]), [r for r in rows if r[-1] == "–"]


def test_a_configured_repository_turns_the_pointer_into_a_link(monkeypatch):
    from pricing import method

    monkeypatch.delenv(method.REPOSITORY_ENV, raising=False)
    # Without a published address the pointer names no file: a user of the app has no repository.
    assert method.pointer_markdown("3.9") == "Methode: §3.9 (Stap 9: productieve en declarabele uren)"
    monkeypatch.setenv(method.REPOSITORY_ENV, "https://example.org/org/reele-prijs/")
    assert method.pointer_markdown("3.9") == (
        "Methode: [§3.9 (Stap 9: productieve en declarabele uren)]"
        "(https://example.org/org/reele-prijs/blob/main/docs/methode.md#39-stap-9-productieve-en-declarabele-uren)"
    )


def test_every_method_section_is_readable_in_the_app_without_the_repository():
    """The app shows a section's own text: from its heading to the next one of its level, subsections
    included (headings made smaller), and nothing of the sections around it."""
    from pricing import method

    hours = method.section_markdown("3.9")
    assert hours.startswith("Vertrekpunt: **1.878 contracturen**")
    assert "Stap 10" not in hours and "Stap 8" not in hours
    chain = method.section_markdown("3")
    assert "##### 3.1 Stap 1: salaris" in chain and "##### 3.17 Meerjarig" in chain
    assert "Rekenvoorbeeld" not in chain
    assert method.section_markdown("11").endswith("volgens de norm geïndexeerd.")
    for section in method.SECTIONS:
        assert method.section_markdown(section).strip(), section


def test_the_workbook_parameters_point_to_method_sections(demo_result):
    from pricing.method import SECTIONS
    from pricing.report.xlsx import build_workbook

    buffer = io.BytesIO()
    build_workbook(demo_result, buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["Parameters"]
    column = [row[6] for row in sheet.iter_rows(values_only=True)]
    assert column[0] == "Methode"
    assert column[1:] and all(v.startswith("§") and v[1:] in SECTIONS for v in column[1:]), column


def test_code_and_docs_point_to_the_method_document_not_to_the_internal_reference():
    """Comments, docstrings and data files cite docs/methode.md sections, which ship with the code."""
    roots = ("pricing", "ui", "bench", "tests", "benchmarks", "docs", "examples")
    files = [ROOT / "app.py", ROOT / "README.md"]
    for root in roots:
        files += [p for p in (ROOT / root).rglob("*") if p.suffix in (".py", ".yaml", ".yml", ".md", ".toml")]
    hits = []
    for path in files:
        if path == Path(__file__).resolve():  # this file names it to catch it
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            # A quoted "DOMAIN" is a check for its absence (like the ones in this file), not a citation.
            if re.search(r"\bDOMAIN\b", line) and not re.search(r"[\"']DOMAIN[\"']", line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:90]}")
    assert not hits, "verwijs naar docs/methode.md (paragraaf) in plaats van het interne naslagdocument:\n" + "\n".join(
        hits
    )
