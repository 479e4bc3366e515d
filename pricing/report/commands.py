"""The ``offer`` and ``budget`` commands of ``python -m pricing`` (wired in pricing/cli.py).

User errors (no contract, unknown variant, a file that cannot be written) become a ScenarioError
with a Dutch message, which the command line prints and turns into exit status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pricing.contract_text import budget_json, origin_text, shown_grouped, shown_years
from pricing.evaluation import Evaluation, evaluate
from pricing.json_text import dumps_indented
from pricing.money import format_eur, format_number, format_pct
from pricing.scenario import Problem, ScenarioError, load_scenario

if TYPE_CHECKING:
    from pricing.parameters import ParameterBook


def _user_error(path: str, message: str) -> ScenarioError:
    return ScenarioError([Problem(path, message)])


def _evaluation_with_contract(
    file: str, variant: str | None, *, need_contract: bool, book: ParameterBook | None = None
) -> Evaluation:
    evaluation = evaluate(load_scenario(file, book), book)
    contract = evaluation.contract
    if contract is None and (need_contract or variant):
        raise _user_error(
            "contract", "het scenario heeft geen contract-blok; voeg 'contract:' toe (zie examples/voorbeeld.yaml)"
        )
    if variant is not None and contract is not None:  # no contract with a variant was refused above
        try:
            contract.option(variant)
        except KeyError as exc:
            raise _user_error("--variant", str(exc.args[0])) from None
    return evaluation


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except FileNotFoundError:
        raise _user_error(path, "kan het bestand niet schrijven: de map bestaat niet") from None
    except PermissionError:
        raise _user_error(path, "kan het bestand niet schrijven: geen schrijfrechten") from None
    except OSError:
        raise _user_error(path, "kan het bestand niet schrijven") from None


def run_offer(args: argparse.Namespace) -> int:
    from pricing.report.pdf import build_offer_pdf

    evaluation = _evaluation_with_contract(
        args.file, args.variant, need_contract=False, book=getattr(args, "book", None)
    )
    _write(args.output, build_offer_pdf(evaluation, option=args.variant))
    print(f"Offerte geschreven naar {args.output}")
    if args.xlsx:
        from pricing.report.xlsx import build_workbook

        _write(args.xlsx, build_workbook(evaluation, option=args.variant))
        print(f"Rekenmodel geschreven naar {args.xlsx}")
    return 0


def run_budget(args: argparse.Namespace, table: Callable[[list[tuple[str, ...]]], str]) -> int:
    evaluation = _evaluation_with_contract(
        args.file, args.variant, need_contract=True, book=getattr(args, "book", None)
    )
    budget = evaluation.budget(args.variant)
    assert budget is not None  # need_contract: a scenario without a contract was refused above
    if args.json:
        from pricing.display import edition_json

        print(dumps_indented({**edition_json(evaluation.result), **budget_json(budget)}))
        return 0
    c = budget.contract
    print(f"{c.name} — {c.municipality} ({budget.label})")
    print(f"{c.funding_label}; {c.years} jaar vanaf {c.start.isoformat()}; prijspeil {budget.base_year}.\n")
    settle = c.indexation.definitive == "settle"
    rows: list[tuple[str, ...]] = [
        ("Jaar", "Index", "Herkomst", "Formatie", "Activiteiten") + (("Nacalculatie",) if settle else ()) + ("Totaal",)
    ]
    for y in shown_years(budget):
        rows.append(
            (
                str(y["year"]),
                "basisjaar" if y["index"] is None else format_pct(y["index"], 3),
                origin_text(y),
                format_eur(y["staff"]),
                format_eur(y["activities"]),
            )
            + (("volgt" if y["settlement"] is None else format_eur(y["settlement"]),) if settle else ())
            + (format_eur(y["total"]),)
        )
    rows.append(
        ("Totaal", "", "", format_eur(sum(budget.staff)), format_eur(sum(budget.activities)))
        + ((format_eur(sum(s or 0.0 for s in budget.settlements)),) if settle else ())
        + (format_eur(budget.grand_total),)
    )
    print(table(rows))
    for title, groups in (("Gebied", budget.by_area), ("Opgave", budget.by_task)):
        shown = shown_grouped(groups, budget.totals)
        grid: list[tuple[str, ...]] = [(title,) + tuple(str(y) for y in budget.years)]
        for name, values in shown.items():
            grid.append((name,) + tuple(format_eur(v) for v in values))
        grid.append(("Totaal",) + tuple(format_eur(t) for t in budget.totals))
        print()
        print(table(grid))
    ni = budget.non_indexation
    print(
        f"\n{budget.npv_label}: {format_eur(budget.npv)} (reële discontovoet {format_pct(budget.discount_rate, 2)}, "
        f"over de jaarbedragen gedeeld door hun prijsfactor)."
    )
    lost = ni.fte_lost[-1]
    print(
        f"Kosten van niet-indexeren: {format_eur(ni.total)} cumulatief"
        + (f"; in {budget.years[-1]} {format_number(lost, 2)} FTE minder." if lost is not None else ".")
    )
    for warning in budget.warnings:
        print(f"\nLet op: {warning}")
    return 0
