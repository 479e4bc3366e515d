"""Spreadsheet export of the cost-price chain, with live formulas a controller can audit.

The workbook re-expresses the chain (docs/methode.md section 3) as spreadsheet formulas that refer to an
inputs sheet ("Invoer"): change a premium, a salary or the overhead there and every step
recalculates. It is deliberately a separate expression of the rules, not a dump of the engine's
numbers: a test recalculates the workbook with an independent formula engine and compares every
step with :func:`pricing.costprice.compute` to the cent, so the two keep each other honest.

Each formula is written (with XlsxWriter) together with its cached result: the engine's figure
read from the :class:`~pricing.evaluation.Evaluation`, never a second computation of the chain.
A reader that does not calculate (pandas, a file viewer, openpyxl with ``data_only=True``) so
sees the numbers the command line prints, and Excel or LibreOffice still recalculate on opening.
The few cells the engine keeps no figure for (FTE-weighted products the team column sums, the
pensionable salary before its maximum, the municipality's price factor) get theirs from
:func:`sheet_only_value` and :func:`municipal_factors`, made from the engine's figures.

Sheets: Toelichting (how to read it), Invoer (every input with its source), Kostprijs (the chain,
one column per staff line plus the team), Contract (when the scenario has one: prices per function,
staffing and activities, indexation per year, net present value, cost of non-indexation),
Maatschappelijk rendement (when a task estimates its social return: per task the ratio, its range or
"niet bekend", its source and the label "schatting", with the net present values as formulas on the
ratios), Gevoeligheid (the tornado and the risk band, engine results, not formulas) and Parameters
(every parameter used, with date, source and status).

Every input cell has a workbook name ``invoer_<key>``: the cost-price inputs on Invoer, and the
contract's (``invoer_ix2027`` index, ``invoer_st2027`` settlement, ``invoer_mu2027`` municipal index,
``invoer_discount``, ``invoer_sr1_ratio``/``_low``/``_high``/``_gemeente`` per task on Invoer;
``invoer_c3_fte``/``_hours``/``_amount`` per budget line and ``invoer_drift_f1_2027`` per function and
year on the Contract sheet).

User text is always written as a string cell, so a function named ``=HYPERLINK(...)`` stays text;
text a spreadsheet would read as a formula also gets the quote prefix (:mod:`pricing.safety`).
Only plain cell references and MIN, MAX, IF, SUM, SUMPRODUCT and NPV are used, so LibreOffice,
Excel and Python evaluators agree.

This module assembles the workbook; each sheet has its own module: :mod:`~pricing.report.xlsx_sheet`
(the cell writer, formats and layout maps), :mod:`~pricing.report.xlsx_inputs` (Invoer),
:mod:`~pricing.report.xlsx_chain_rows` and :mod:`~pricing.report.xlsx_chain` (Kostprijs),
:mod:`~pricing.report.xlsx_contract` (Contract), :mod:`~pricing.report.xlsx_social` (Maatschappelijk
rendement) and :mod:`~pricing.report.xlsx_reference` (the index table, Parameters and Toelichting).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from pricing.costprice import CostPriceResult
from pricing.evaluation import Evaluation, evaluation_of
from pricing.report.output import write_output
from pricing.report.xlsx_chain import fill_chain, sheet_only_value
from pricing.report.xlsx_contract import fill_contract, municipal_factors
from pricing.report.xlsx_inputs import fill_inputs
from pricing.report.xlsx_reference import fill_parameters, fill_readme, index_source
from pricing.report.xlsx_sheet import ChainLayout, ContractLayout, Formats, Layout, Sheet, SocialCells, name_inputs
from pricing.report.xlsx_social import fill_social

# The names other modules may import from here (the sheets' own modules hold the rest).
__all__ = [
    "ChainLayout",
    "ContractLayout",
    "Layout",
    "SocialCells",
    "build_workbook",
    "build_workbook_with_layout",
    "index_source",
    "municipal_factors",
    "sheet_only_value",
]


def build_workbook(
    source: Evaluation | CostPriceResult,
    target: str | Path | BinaryIO | None = None,
    *,
    option: str | None = None,
    generated: dt.date | None = None,
) -> bytes:
    """Write the workbook for an :class:`Evaluation` (or a cost-price result) and its contract variant
    ``option``; returns the bytes.

    :func:`build_workbook_with_layout` also says where each quantity lives (used by the tests).
    """
    data, _layout = build_workbook_with_layout(source, option=option, generated=generated)
    return write_output(data, target)


def build_workbook_with_layout(
    source: Evaluation | CostPriceResult, *, option: str | None = None, generated: dt.date | None = None
) -> tuple[bytes, Layout]:
    """The workbook bytes and a map of the cells that hold each computed quantity."""
    evaluation = source if isinstance(source, Evaluation) else evaluation_of(source)
    result = evaluation.result
    buffer = io.BytesIO()
    # Text is written as text and numbers as numbers by the calls below, never guessed from a string.
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    formats = Formats(wb)
    readme = Sheet(wb.add_worksheet("Toelichting"), formats)
    inv = Sheet(wb.add_worksheet("Invoer"), formats)
    ks = Sheet(wb.add_worksheet("Kostprijs"), formats)
    inputs, line_refs = fill_inputs(inv, result)
    chain = fill_chain(ks, result, inputs, line_refs)
    layout = Layout(chain=chain)
    named = [inv]
    budget = evaluation.budget(option)
    if budget is not None:
        cs = Sheet(wb.add_worksheet("Contract"), formats)
        contract = fill_contract(cs, inv, result, chain, budget, evaluation.book)
        layout["contract"] = contract
        layout["budget"] = budget
        named.append(cs)
        variant = evaluation.variant(option)
        if variant is not None and variant.social:
            ss = Sheet(wb.add_worksheet("Maatschappelijk rendement"), formats)
            layout["social"] = fill_social(ss, inv, budget, variant.social, contract["discount"])
    name_inputs(wb, {key: ref for sheet in named for key, ref in sheet.refs.items()})
    if evaluation.sensitivity is not None:
        from pricing.report.sensitivity_report import fill_sheet as fill_sensitivity

        fill_sensitivity(Sheet(wb.add_worksheet("Gevoeligheid"), formats), evaluation)
    parameters = Sheet(wb.add_worksheet("Parameters"), formats)
    fill_parameters(parameters, result)
    fill_readme(readme, result, generated or dt.date.today(), [sheet.name for sheet in wb.worksheets()])
    from pricing.report.edition_report import fill_workbook as fill_edition

    fill_edition(readme, parameters, evaluation)
    # Every formula carries the engine's figure as its cached result, for readers that do not
    # calculate (pandas, viewers, openpyxl with data_only=True); XlsxWriter also asks Excel and
    # LibreOffice to recalculate on opening (fullCalcOnLoad), so an edited input flows through.
    wb.close()
    return buffer.getvalue(), layout
