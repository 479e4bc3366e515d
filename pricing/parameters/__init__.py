"""Dated, sourced parameters: loading, validation and lookup by date.

Every figure the engine uses lives in a YAML file in this folder, one topic per file. A value is
keyed by the date it takes effect and carries its status (sourced, derived or assumption) and its
references. A lookup returns the latest value on or before the date asked, but only while the date
lies inside the parameter's ``covered_until`` horizon: beyond it the lookup refuses with a sentence
naming the parameter and the file to extend, instead of silently reusing an older year.

File schema (generic files)::

    description: <text>
    parameters:
      <name>:
        description: <text>
        unit: <unit>
        status: sourced | derived | assumption     # default for the values below
        note: <text>                               # optional
        reference: [{title: <text>, href: <url>, date: <publication date or year>}]
                                                   # required, may be overridden per value; an
                                                   # assumption of this model is cited as
                                                   # {title: "Aanname van dit model", reasoning: <why>}
        covered_until: <date>
        values:
          <date>: <number or list>                 # shorthand, inherits status/reference
          <date>: {value: ..., status: ..., note: ..., reference: [...]}

``cao_salary.yaml`` has its own schema, read by :class:`SalaryTable`.

Editions. The files of one folder form one named, dated *edition*: ``edition.yaml`` names it (id,
title, published date, changelog per changed value with its source) and ``forecast.yaml`` states
the forecast used for dates beyond a parameter's ``covered_until`` (see :class:`Forecast`). The
edition's *fingerprint* is the sha256 of a canonical JSON form of the parsed data of every topic
file and the forecast (not ``edition.yaml``), so comments, key order and number spelling do not
change it and any value does. An edition can also be one *bundle* file: a YAML mapping from each
file name (``edition.yaml``, ``cao_salary.yaml``, ...) to that file's content; it has the same
fingerprint as the folder it was made from (:func:`edition_bundle_text` writes one).

The package's modules, each a small part of the above (import from ``pricing.parameters``, this
file, which re-exports their public names)::

    files.py         PARAMETER_DIR, file names, the two errors, strict YAML reading, shared field checks
    references.py    Reference and its plain-text and Markdown forms
    values.py        ParameterValue, Parameter (lookup by date), the generic file schema
    salary_table.py  the CAO salary table (SalaryTable, SalaryRise, SalaryLookup)
    forecasts.py     ForecastValue, SalaryForecast, Forecast and ``forecast.yaml``
    edition.py       Edition, its changelog and the fingerprint
    book.py          ParameterBook
    cache.py         reading a folder through the parsed-data cache
    bundle.py        loading a folder, a bundle or uploaded files; writing a bundle
"""

from pricing.parameters.book import ParameterBook
from pricing.parameters.bundle import (
    BUNDLE_MAX_BYTES,
    default_parameter_book,
    edition_bundle_text,
    load_edition,
    load_edition_bytes,
    load_edition_files,
    load_parameter_book,
)
from pricing.parameters.cache import CACHE_ENV, CACHE_VERSION
from pricing.parameters.edition import ChangelogEntry, Edition, fingerprint_of
from pricing.parameters.files import (
    EDITION_FILE,
    FORECAST_FILE,
    FORECAST_ROUTE,
    PARAMETER_DIR,
    SALARY_FILE,
    ParameterFileError,
    ParameterNotCovered,
    format_date,
    not_covered_message,
    parse_strict_yaml_text,
    read_strict_yaml,
)
from pricing.parameters.forecasts import FORECAST_LABELS, Forecast, ForecastValue, SalaryForecast, forecast_references
from pricing.parameters.references import (
    ASSUMPTION_LABEL,
    Reference,
    markdown_text,
    reference_markdown,
    reference_text,
    references_markdown,
    references_text,
)
from pricing.parameters.salary_table import SalaryLookup, SalaryRise, SalaryTable
from pricing.parameters.values import STATUS_LABELS, STATUSES, UNITS, Parameter, ParameterValue

__all__ = [
    "ASSUMPTION_LABEL",
    "BUNDLE_MAX_BYTES",
    "CACHE_ENV",
    "CACHE_VERSION",
    "ChangelogEntry",
    "EDITION_FILE",
    "Edition",
    "FORECAST_FILE",
    "FORECAST_LABELS",
    "FORECAST_ROUTE",
    "Forecast",
    "ForecastValue",
    "PARAMETER_DIR",
    "Parameter",
    "ParameterBook",
    "ParameterFileError",
    "ParameterNotCovered",
    "ParameterValue",
    "Reference",
    "SALARY_FILE",
    "STATUSES",
    "STATUS_LABELS",
    "SalaryForecast",
    "SalaryLookup",
    "SalaryRise",
    "SalaryTable",
    "UNITS",
    "default_parameter_book",
    "edition_bundle_text",
    "fingerprint_of",
    "forecast_references",
    "format_date",
    "load_edition",
    "load_edition_bytes",
    "load_edition_files",
    "load_parameter_book",
    "markdown_text",
    "not_covered_message",
    "parse_strict_yaml_text",
    "read_strict_yaml",
    "reference_markdown",
    "reference_text",
    "references_markdown",
    "references_text",
]
