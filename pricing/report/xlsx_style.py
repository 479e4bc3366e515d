"""Number formats of the spreadsheet, shared by the xlsx builder and the sheets other modules fill."""

EUR = '"€" #,##0.00'
PCT = "0.00%"
PCT3 = "0.000%"
NUM = "#,##0.00"
