"""Command line: the same functions the app calls.

    python -m pricing costprice FILE [--json]
    python -m pricing check FILE --tariff X [--per hour|fte] [--json]
    python -m pricing index --year Y [--wage-weight W] [--catch-up ratio|additive] [--json]
    python -m pricing offer FILE -o offerte.pdf [--xlsx model.xlsx] [--variant NAAM]
    python -m pricing budget FILE [--variant NAAM] [--json]

Every command that computes accepts ``--parameters PATH``: another parameter edition (a folder in
the layout of pricing/parameters/ or one bundle file), validated as strictly as the shipped one.

User errors print a Dutch message on stderr and exit with status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from pricing.display import (
    LABELS,
    edition_json,
    evaluation_json,
    shown_lines,
    shown_team,
)
from pricing.evaluation import evaluate
from pricing.fields import shown_value
from pricing.indexation import (
    CATCH_UP_METHODS,
    FIGURE_KEYS,
    FIGURE_LABELS,
    IndexationError,
    figure_option,
    provider_index,
)
from pricing.json_text import dumps_indented
from pricing.money import cents, format_eur, format_number, format_pct, round_half_up
from pricing.numbers import DutchNumberError, parse_dutch_number
from pricing.parameters import ParameterBook, ParameterFileError, ParameterNotCovered, format_date
from pricing.scenario import ScenarioError, load_scenario

if TYPE_CHECKING:
    from pricing.store import ScenarioStore

# The store (and SQLAlchemy with it) is imported only by the ``workspace`` command, which catches its errors.
USER_ERRORS = (ScenarioError, ParameterNotCovered, ParameterFileError, IndexationError)  # and TariffInputError: _check
ACCESS_CODE_ENV = "REELE_PRIJS_ACCESS_CODE"


class UsageError(Exception):
    pass


_ARGPARSE_NL = (
    (re.compile(r"the following arguments are required: (.*)"), r"deze argumenten ontbreken: \1"),
    (
        re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"),
        r"argument \1: ongeldige keuze \2 (kies uit \3)",
    ),
    (re.compile(r"argument (\S+): expected one argument"), r"argument \1: verwacht een waarde"),
    (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"dubbelzinnige optie: \1 kan staan voor \2"),
    (re.compile(r"argument (\S+): ignored explicit argument (.*)"), r"argument \1: neemt geen waarde (gegeven: \2)"),
    (re.compile(r"argument (\S+): invalid \S+ value: (.*)"), r"argument \1: ongeldige waarde \2"),
)


def _dutch(message: str) -> str:
    for pattern, replacement in _ARGPARSE_NL:
        message = pattern.sub(replacement, message)
    return message


# A value that starts with a minus and a digit, in any notation: -0,01, -1.234,50, −5.
_NEGATIVE_VALUE = re.compile(r"[-\u2212][0-9][0-9.,]*")


def _negative_values_joined(args: Sequence[str], takes_value: Callable[[str], bool]) -> list[str]:
    """``--option -0,01`` as ``--option=-0,01``. argparse takes a word that starts with a minus for
    an option unless it looks like an English number (-0.01), so a negative Dutch fraction got
    "verwacht een waarde" although it was given. Only an option that takes a value is joined: after
    a flag such as ``--json`` the word is an argument of its own (a file may be named ``-1``)."""
    joined: list[str] = []
    for word in args:
        previous = joined[-1] if joined else ""
        if (
            _NEGATIVE_VALUE.fullmatch(word)
            and previous.startswith("--")
            and "=" not in previous
            and takes_value(previous)
        ):
            joined[-1] = f"{previous}={word}"
        else:
            joined.append(word)
    return joined


class DutchParser(argparse.ArgumentParser):
    """argparse with Dutch messages, usage line and help headings."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        given = sys.argv[1:] if args is None else args
        return super().parse_known_args(_negative_values_joined(given, self._takes_value), namespace)

    def _takes_value(self, option: str) -> bool:
        """Whether ``option`` (written in full or, as argparse allows, abbreviated) names one
        option of this parser that takes a value."""
        actions = {action for name, action in self._option_string_actions.items() if name == option}
        if not actions and self.allow_abbrev:
            actions = {action for name, action in self._option_string_actions.items() if name.startswith(option)}
        return len(actions) == 1 and next(iter(actions)).nargs != 0

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "gebruik:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "gebruik:", 1)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"Ongeldige aanroep: {_dutch(message)}\n{self.format_usage()}")


_YEAR = re.compile(r"[0-9]{4}")


def _amount_argument(text: str) -> float:
    """An amount as a controller types it: 64, 64.50, 64,50 or 101.000,50 (pricing/numbers.py)."""
    try:
        return float(parse_dutch_number(text, kind="euro"))
    except DutchNumberError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fraction_argument(text: str) -> float:
    """A fraction as a controller types it: 0,0418, 0.9 or -0,01 (pricing/numbers.py)."""
    try:
        return float(parse_dutch_number(text, kind="fraction"))
    except DutchNumberError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _year(text: str) -> int:
    # Four ASCII digits only: int() would also take '2_026' and Arabic-Indic or fullwidth digits.
    if not _YEAR.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(
            f"{shown_value(text)} is geen jaartal; schrijf vier cijfers, bijvoorbeeld 2027"
        )
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(
        prog="python -m pricing", description="Reële prijs sociaal werk: kostprijs, tarieftoets en indexatie."
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        parser_class=DutchParser,
        title="opdrachten",
        metavar="{costprice,check,index,workspace,...}",
    )
    p = sub.add_parser("costprice", help="kostprijs en reëel tarief van een scenario")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("check", help="toets een aangeboden tarief aan het scenario")
    p.add_argument("file")
    p.add_argument("--tariff", type=_amount_argument, required=True, help="aangeboden tarief in euro")
    p.add_argument("--per", choices=("hour", "fte"), default="hour", help="per uur of per FTE per jaar")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("index", help="indexatie voor aanbieders (gewogen OVA/PPC plus inhaal)")
    p.add_argument("--year", type=_year, required=True)
    p.add_argument("--wage-weight", type=_fraction_argument, default=None, help="gewicht OVA, 0-1 (standaard 0,9)")
    p.add_argument("--catch-up", choices=CATCH_UP_METHODS, default="ratio")
    p.add_argument("--rounded", action="store_true", help="rond tussenresultaten af op twee decimalen, zoals de VNG")
    for key in FIGURE_KEYS:
        label, offset = FIGURE_LABELS[key]
        p.add_argument(
            figure_option(key),
            type=_fraction_argument,
            default=None,
            dest=key,
            metavar="FRACTIE",
            help=f"{label} {'van het jaar' if offset == 0 else 'van het jaar ervoor'}, als fractie (0,0418 = 4,18 %%)",
        )
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("workspace", help="werkruimten (organisaties) in de scenario-opslag beheren")
    wsub = p.add_subparsers(dest="workspace_command", required=True, parser_class=DutchParser)
    w = wsub.add_parser(
        "create", help="maak een werkruimte; de toegangscode komt uit REELE_PRIJS_ACCESS_CODE of wordt gevraagd"
    )
    w.add_argument("slug", help="korte code, bijvoorbeeld welzijn-de-brug")
    w.add_argument("--name", required=True, help="naam van de organisatie")
    wsub.add_parser("list", help="toon de werkruimten")
    p = sub.add_parser("offer", help="offerte als PDF (en het rekenmodel als xlsx)")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="pad van de PDF, bijvoorbeeld offerte.pdf")
    p.add_argument("--xlsx", default=None, help="schrijf ook het rekenmodel met formules naar dit .xlsx-bestand")
    p.add_argument("--variant", default=None, help="variant uit contract.options (standaard: de basis)")
    p = sub.add_parser("budget", help="meerjarenbegroting van het contract: per jaar, gebied en opgave")
    p.add_argument("file")
    p.add_argument("--variant", default=None, help="variant uit contract.options (standaard: de basis)")
    p.add_argument("--json", action="store_true")
    for name, command in sub.choices.items():
        if name in COMPUTING_COMMANDS:
            command.add_argument(
                "--parameters",
                default=None,
                metavar="PAD",
                help="andere parametereditie: een map zoals pricing/parameters/ of één editiebestand",
            )
    return parser


COMPUTING_COMMANDS = ("costprice", "check", "index", "offer", "budget")


def _book(args: argparse.Namespace) -> ParameterBook:
    """The parameter edition for this run: ``--parameters PATH`` or the shipped one."""
    from pricing.parameters import load_parameter_book

    return load_parameter_book(getattr(args, "parameters", None))


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every failure ends in a Dutch message on stderr and status 2, never a
    traceback; output into a pipe that closes early (``costprice FILE | head``) ends quietly."""
    try:
        return _run(argv)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except RecursionError:
        print("Fout: de invoer is te diep genest om te verwerken.", file=sys.stderr)
        return 2
    except MemoryError:
        print("Fout: te weinig geheugen voor deze invoer.", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001  (the last line: no traceback reaches a user)
        print(
            f"Fout: deze invoer kon niet worden verwerkt door een fout in het programma "
            f"({type(exc).__name__}); meld dit met het invoerbestand.",
            file=sys.stderr,
        )
        return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not report the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command in COMPUTING_COMMANDS:
            args.book = _book(args)
        if args.command == "costprice":
            return _costprice(args)
        if args.command == "check":
            return _check(args)
        if args.command == "workspace":
            return _workspace(args)
        if args.command in ("offer", "budget"):
            from pricing.report.commands import run_budget, run_offer

            return run_offer(args) if args.command == "offer" else run_budget(args, _table)
        return _index(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except USER_ERRORS as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2


def _pct(fraction: float, places: int = 2) -> float:
    """A fraction as a percentage number for JSON, half-up."""
    return float(round_half_up(fraction * 100, places))


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        out.append("  ".join(cells))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _costprice(args: argparse.Namespace) -> int:
    evaluation = evaluate(load_scenario(args.file, args.book), args.book)
    result = evaluation.result
    sens, band = evaluation.sensitivity, evaluation.tariff_band
    # evaluate() computes both for every scenario; only the field types allow None.
    assert sens is not None and band is not None
    if args.json:
        print(dumps_indented(evaluation_json(evaluation)))
        return 0
    s = result.scenario
    print(f"{s.name} — {s.organisation}")
    print(
        f"Peildatum {format_date(result.date)}; overhead {format_pct(result.overhead_pct)} als "
        f"{'opslag' if result.overhead_convention == 'markup' else 'aandeel'}; "
        f"{format_number(result.hours.billable, 1)} declarabele uren per FTE.\n"
    )
    rows: list[tuple[str, ...]] = [
        ("Functie", "Schaal", "FTE", "Maandsalaris", "Pers.kosten/FTE", "Kostprijs/uur", "Tarief/uur", "Prijs/FTE")
    ]
    for line, sh in zip(result.lines, shown_lines(result.lines)):
        rows.append(
            (
                line.function,
                f"{line.scale}/{line.step}",
                format_number(line.fte, 2),
                format_eur(sh["monthly_salary"]),
                format_eur(sh["personnel_cost_per_fte"]),
                format_eur(sh["cost_price_per_hour"]),
                format_eur(sh["tariff_per_hour"]),
                format_eur(sh["price_per_fte"]),
            )
        )
    print(_table(rows))
    team = shown_team(result.team)
    print()
    print(
        _table(
            [
                ("Team", "Bedrag"),
                ("Totaal FTE", format_number(team["total_fte"], 2)),
                (LABELS["cost_price_per_hour"], format_eur(team["cost_price_per_hour"])),
                (LABELS["tariff_per_hour"], format_eur(team["tariff_per_hour"])),
                ("Personeelsbudget per jaar", format_eur(team["staff_budget"])),
                ("Activiteitenbudget per jaar", format_eur(team["activity_budget"])),
                ("Jaarbudget", format_eur(team["annual_budget"])),
            ]
        )
    )
    print("\nGevoeligheid van het tarief per uur (elke aanname apart over haar bandbreedte)")
    rows = [("Aanname", "Bandbreedte", "Tarief laag", "Tarief hoog")]
    for bar in sens.bars:
        rows.append(
            (
                bar.assumption.label,
                bar.assumption.range_text(),
                format_eur(bar.tariff_at_low),
                format_eur(bar.tariff_at_high),
            )
        )
    print(_table(rows))
    print(
        f"\nRisicoband: {format_eur(band.p10)} – {format_eur(band.p90)} (mediaan {format_eur(band.p50)}). {band.sentence()}"
    )
    for warning in result.warnings:
        print(f"\nLet op: {warning}")
    return 0


def _check(args: argparse.Namespace) -> int:
    # imported here: costprice never needs it, saves about 2 ms of its start-up
    from pricing.tariff_check import TariffInputError, check_tariff

    result = evaluate(load_scenario(args.file, args.book), args.book).result
    try:
        c = check_tariff(result, args.tariff, args.per)
    except TariffInputError as exc:
        raise UsageError(f"Fout: {exc}") from exc
    if args.json:
        print(
            dumps_indented(
                {
                    **edition_json(result),
                    "offered": cents(c.offered),
                    "realistic": cents(c.realistic),
                    "cost_price": cents(c.cost_price),
                    "gap_per_hour": cents(c.gap_per_hour),
                    "gap_pct": _pct(c.gap_pct),
                    "gap_per_year": cents(c.gap_per_year),
                    "implied_productivity": float(round_half_up(c.implied_productivity, 4)),
                    "implied_productive_hours": float(round_half_up(c.implied_productive_hours, 1)),
                    "productivity_feasible": c.productivity_feasible,
                    "implied_overhead_pct": None if c.implied_overhead_pct is None else _pct(c.implied_overhead_pct),
                    "overhead_convention": c.overhead_convention,
                    "hours_short_per_year": float(round_half_up(c.hours_short_per_year, 1)),
                    "verdict": c.verdict,
                    "verdict_label": c.verdict_label,
                    "plausibility_note": c.plausibility_note,
                    "rules": c.rules,
                }
            )
        )
        return 0
    word = "tekort" if c.gap_per_hour < 0 else "overschot"
    overhead = "past geen enkele overhead" if c.implied_overhead_pct is None else format_pct(c.implied_overhead_pct)
    print(
        _table(
            [
                ("Tarieftoets", "Waarde"),
                ("Aangeboden tarief per uur", format_eur(c.offered)),
                ("Reëel tarief per uur", format_eur(c.realistic)),
                ("Kostprijs per uur", format_eur(c.cost_price)),
                (f"{word.capitalize()} per uur", format_eur(abs(c.gap_per_hour))),
                (f"{word.capitalize()} in procent", format_pct(abs(c.gap_pct))),
                (f"{word.capitalize()} per jaar (hele formatie)", format_eur(abs(c.gap_per_year))),
                (
                    "Benodigde productiviteit",
                    format_pct(c.implied_productivity) + ("" if c.productivity_feasible else " (onhaalbaar)"),
                ),
                ("Overhead die past", overhead),
                ("Oordeel", c.verdict_label.upper()),
            ]
        )
    )
    if c.plausibility_note:
        print(f"\n{c.plausibility_note}")
    print(f"\nDrempels: {c.rules}")
    return 0


def _index(args: argparse.Namespace) -> int:
    figures = {k: getattr(args, k) for k in FIGURE_KEYS if getattr(args, k) is not None}
    p = provider_index(
        args.year,
        args.book,
        wage_weight=args.wage_weight,
        method=args.catch_up,
        round_intermediates=args.rounded,
        figures=figures,
    )
    if args.json:
        print(
            dumps_indented(
                {
                    "parameters_edition": args.book.edition.as_json() if args.book.edition else None,
                    "user_figures": list(p.user_figures),
                    "year": p.year,
                    "wage_weight": p.wage_weight,
                    "catch_up_method": p.method,
                    "weighted_provisional": _pct(p.weighted_provisional, 4),
                    "catch_up": _pct(p.catch_up, 4),
                    "provider_index": _pct(p.provider_index, 4),
                    "previous_provisional": _pct(p.previous_provisional, 4),
                    "previous_definitive": _pct(p.previous_definitive, 4),
                    "sources": list(p.sources),
                }
            )
        )
        return 0
    method = "verhoudingsmethode" if p.method == "ratio" else "optelmethode"
    print(
        _table(
            [
                (f"Indexatie {p.year}", "Procent"),
                (
                    f"Gewogen voorlopig {p.year} ({format_pct(p.wage_weight, 0)} OVA)",
                    format_pct(p.weighted_provisional, 3),
                ),
                (f"Gewogen voorlopig {p.year - 1}", format_pct(p.previous_provisional, 3)),
                (f"Gewogen definitief {p.year - 1}", format_pct(p.previous_definitive, 3)),
                (f"Inhaal ({method})", format_pct(p.catch_up, 3)),
                ("Indexatie voor aanbieders", format_pct(p.provider_index, 3)),
            ]
        )
    )
    print(f"\nBron: {'; '.join(p.sources)}")
    return 0


def _workspace(args: argparse.Namespace) -> int:
    from pricing.store import ScenarioStore, StoreError

    try:
        return _workspace_with(ScenarioStore, args)
    except StoreError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2


def _workspace_with(store_class: type[ScenarioStore], args: argparse.Namespace) -> int:
    import getpass
    import os

    store = store_class()
    if args.workspace_command == "list":
        for slug, name in store.workspace_names():
            print(f"{slug}\t{name}")
        return 0
    code = os.environ.get(ACCESS_CODE_ENV)
    if not code:
        if not sys.stdin.isatty():
            raise UsageError(
                f"Geef de toegangscode via de omgevingsvariabele {ACCESS_CODE_ENV} (er is geen terminal om hem te vragen)."
            )
        code = getpass.getpass("Toegangscode (minstens 8 tekens): ")
        if getpass.getpass("Herhaal de toegangscode: ") != code:
            raise UsageError("De twee toegangscodes zijn niet gelijk.")
    if not store.create_workspace(args.slug, args.name, code):
        raise UsageError(f"Werkruimte '{args.slug}' bestaat al; kies een andere code.")
    import sqlalchemy as sa

    where = sa.engine.make_url(store.url).render_as_string(hide_password=True)
    print(f"Werkruimte '{args.slug}' ({args.name}) aangemaakt in {where}.")
    return 0
