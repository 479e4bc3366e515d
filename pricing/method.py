"""Where the method document (docs/methode.md) explains each quantity, so the app and the offer
PDF can point a controller to the right section.

The sections are numbered and their numbers are stable ("§3.9" stays the productive hours); a test
checks that every number used here is a heading in the document and that every value the demo
uses maps to one. A link to the document is shown only when a repository address is configured
(environment variable ``REELE_PRIJS_REPOSITORY_URL``, e.g. ``https://github.com/org/repo``). The app
never names a file in the repository (its users do not have one): it shows a section's own text in
the page (:func:`section_markdown`). The PDF names the document by its title.
"""

from __future__ import annotations

import functools
import os
import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pricing.costprice import UsedValue
    from pricing.parameters import ParameterBook

METHOD_FILE = "docs/methode.md"  # the one document, where the repository's links point
# Read as package data, so an installed package finds it from any folder: pricing/methode.md is a
# symbolic link to docs/methode.md, which the build follows, so the wheel holds the text itself.
METHOD_PATH = resources.files("pricing") / "methode.md"
METHOD_TITLE = "Methode: de reële prijs stap voor stap"
REPOSITORY_ENV = "REELE_PRIJS_REPOSITORY_URL"

# Section numbers and titles, as in the document's headings.
SECTIONS = {
    "1": "Leeswijzer",
    "2": "Wettelijk kader",
    "3": "De kostprijsketen per formatieregel",
    "3.1": "Stap 1: salaris",
    "3.2": "Stap 2: individueel keuzebudget (IKB)",
    "3.3": "Stap 3: onregelmatigheidstoeslag en consignatie",
    "3.4": "Stap 4: loopbaanbudget en vitaliteitsuren",
    "3.5": "Stap 5: werkgeverspremies en FCB-bijdrage",
    "3.6": "Stap 6: pensioen",
    "3.7": "Stap 7: overige personeelskosten",
    "3.8": "Stap 8: personeelskosten per FTE",
    "3.9": "Stap 9: productieve en declarabele uren",
    "3.10": "Stap 10: directe kosten per uur",
    "3.11": "Stap 11: overhead",
    "3.12": "Stap 12: materiële kosten en verplichtingen",
    "3.13": "Stap 13: kostprijs",
    "3.14": "Stap 14: risico, innovatie en reserveopbouw",
    "3.15": "Stap 15: reëel tarief, prijs per FTE en budget",
    "3.16": "Eenvoudige modus",
    "3.17": "Meerjarig: treden en cao-verhogingen",
    "4": "Rekenvoorbeeld",
    "5": "Parameters, bronnen en aannames",
    "5.1": "Salaristabel en cao-verhogingen",
    "5.2": "Pensioen (PFZW)",
    "5.3": "Wettelijke werkgeverspremies",
    "5.4": "Indexcijfers",
    "5.5": "Jaren zonder gepubliceerde cijfers (prognoses)",
    "5.6": "Aannames van dit model",
    "6": "Indexatie en meerjarige contracten",
    "7": "Benchmarks en toetsing",
    "8": "Financiële gezondheid",
    "9": "Maatschappelijk rendement",
    "10": "Afronding en controle",
    "11": "Bronnen",
}

# Norm keys and parameter names -> section. Names not listed fall back on their prefix or file.
_BY_KEY = {
    "monthly_hours_factor": "3.1",
    "floor_hourly": "3.1",
    "cao_salary_table": "5.1",
    "ikb_holiday_pct": "3.2",
    "ikb_year_end_pct": "3.2",
    "ikb_extra_pct": "3.2",
    "ikb_health_per_year": "3.2",
    "career_budget_pct": "3.4",
    "other_personnel_pct": "3.7",
    "union_fee_reimbursement": "3.7",
    "internship_pay": "3.7",
    "flat_oncost_pct": "3.16",
    "pensionable_allowances": "3.6",
    "productivity": "3.9",
    "productive_hours": "3.9",
    "client_bound_share": "3.9",
    "overhead.pct": "3.11",
    "material_per_fte": "3.12",
    "reporting_per_fte": "3.12",
    "risk_pct": "3.14",
    "innovation_pct": "3.14",
    "activity_budget": "3.15",
}
_BY_PREFIX = (
    ("hours.", "3.9"),
    ("cao_rise_", "5.1"),
    ("ort_", "3.3"),
    ("on_call", "3.3"),
    ("vitality", "3.4"),
    ("fcb", "3.5"),
    ("wml", "3.1"),
    ("minimum_wage", "3.1"),
    ("statutory_minimum_wage", "3.1"),
    ("labour_market", "3.1"),
    ("arbeidsmarkt", "3.1"),
    ("public_holiday", "3.9"),
    ("cao_salary_", "5.1"),
)
_BY_FILE = {
    "cao_salary.yaml": "5.1",
    "cao_rules.yaml": "3",
    "working_hours.yaml": "3.9",
    "employer_premiums.yaml": "3.5",
    "pension.yaml": "3.6",
    "indices.yaml": "5.4",
    "cost_defaults.yaml": "5.6",
    "statutory_minimum_wage.yaml": "3.1",
}


def section_for(key: str, file: str = "") -> str | None:
    """The method section that explains a norm key or parameter, e.g. ``"3.9"``."""
    if key in _BY_KEY:
        return _BY_KEY[key]
    for prefix, section in _BY_PREFIX:
        if key.startswith(prefix):
            return section
    if file in _BY_FILE:
        return _BY_FILE[file]
    return None


def section_for_used(used: UsedValue, book: ParameterBook | None = None) -> str | None:
    """The section for a value the chain used (``CostPriceResult.used``), via its parameter file."""
    file = ""
    if book is not None and used.key in book.parameters:
        file = book.parameters[used.key].file
    return section_for(used.key, file)


def slug(heading: str) -> str:
    """The anchor GitHub and GitLab give a Markdown heading (lower case, no punctuation, hyphens)."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def heading(section: str) -> str:
    return f"{section}. {SECTIONS[section]}" if "." not in section else f"{section} {SECTIONS[section]}"


def section_url(section: str) -> str | None:
    base = os.environ.get(REPOSITORY_ENV, "").strip().rstrip("/")
    if not base.startswith("https://"):
        return None
    return f"{base}/blob/main/{METHOD_FILE}#{slug(heading(section))}"


def pointer_label(*sections: str) -> str:
    """The sections as a reader sees them: '§3.9 (Stap 9: productieve en declarabele uren)'."""
    return ", ".join(f"§{section} ({SECTIONS[section]})" for section in sections)


def pointer_markdown(*sections: str) -> str:
    """For the app: 'Methode: §3.9 (Stap 9: ...)', each section linked to the published document
    when a repository address is configured. It never names a file in the repository: a user of the
    app does not have the repository (the app shows the section's text itself, see section_markdown)."""
    parts = []
    for section in sections:
        label = pointer_label(section)
        url = section_url(section)
        parts.append(f"[{label}]({url})" if url else label)
    return "Methode: " + ", ".join(parts)


def section_markdown(section: str) -> str:
    """The text of one section of the method document (with its subsections), as Markdown for the
    app: from its heading up to the next heading of the same or a higher level, the headings inside
    two levels smaller so they do not outgrow the page's own headings."""
    lines = _method_lines()
    wanted = heading(section)
    start = next(
        (i for i, line in enumerate(lines) if line.lstrip("#").strip() == wanted and line.startswith("#")), None
    )
    if start is None:
        raise KeyError(f"section {section} is not a heading of {METHOD_FILE}")
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    body = []
    for line in lines[start + 1 :]:
        depth = len(line) - len(line.lstrip("#"))
        if 0 < depth <= level and line[depth : depth + 1] == " ":
            break
        body.append("##" + line if depth and line[depth : depth + 1] == " " else line)
    return "\n".join(body).strip()


@functools.cache
def _method_lines() -> tuple[str, ...]:
    return tuple(METHOD_PATH.read_text(encoding="utf-8").splitlines())


def pointer_text(section: str | None) -> str:
    """For the PDF and the workbook: '§3.9' (the document is named once, by its title)."""
    return f"§{section}" if section else "–"


def document_sentence() -> str:
    """One sentence naming the method document for a reader outside the app (PDF, workbook)."""
    base = os.environ.get(REPOSITORY_ENV, "").strip().rstrip("/")
    where = (
        f", te lezen op {base}/blob/main/{METHOD_FILE}"
        if base.startswith("https://")
        else ", dat met het rekenmodel wordt meegeleverd"
    )
    return (
        f"De paragraafnummers (§) verwijzen naar het methodedocument '{METHOD_TITLE}'{where}: "
        "daar staan elke formule, standaardwaarde, bron en aanname, met een rekenvoorbeeld."
    )
