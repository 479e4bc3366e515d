"""Reports that read computed results: the offer PDF (:mod:`pricing.report.pdf`) and the
spreadsheet export of the cost-price chain (:mod:`pricing.report.xlsx`)."""

from pricing.report.pdf import build_offer_pdf

__all__ = ["build_offer_pdf", "build_workbook"]


def build_workbook(*args, **kwargs):
    # Imported lazily: openpyxl is only needed when a workbook is asked for.
    from pricing.report.xlsx import build_workbook as build

    return build(*args, **kwargs)
