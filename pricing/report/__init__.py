"""Reports that read one computed :class:`~pricing.evaluation.Evaluation`: the offer PDF
(:mod:`pricing.report.pdf`) and the auditable spreadsheet (:mod:`pricing.report.xlsx`).

Import the module you need; this package imports neither, so reportlab and XlsxWriter load only when
a report is asked for.
"""
