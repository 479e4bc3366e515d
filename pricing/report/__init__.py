"""Reports that read computed results: the offer PDF (:mod:`pricing.report.pdf`) and the
spreadsheet export of the cost-price chain (:mod:`pricing.report.xlsx`)."""

from pathlib import Path

__all__ = ["build_offer_pdf", "build_workbook", "write_output"]


def write_output(data: bytes, target) -> bytes:
    """Write report bytes to ``target`` (a path or a writable file object, or None) and return them."""
    if target is not None:
        if hasattr(target, "write"):
            target.write(data)
        else:
            Path(target).write_bytes(data)
    return data


from pricing.report.pdf import build_offer_pdf  # noqa: E402  (pdf imports write_output from here)


def build_workbook(*args, **kwargs):
    # Imported lazily: openpyxl is only needed when a workbook is asked for.
    from pricing.report.xlsx import build_workbook as build

    return build(*args, **kwargs)
