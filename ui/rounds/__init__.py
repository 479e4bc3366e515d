"""The page Versies & rondes (``page.render_rounds``), one module per part of it: ``workspace`` (the
store, logging in to a workspace, creating and closing one), ``save`` (a new scenario, a version, the
next round), ``history`` (the scenarios and versions: open, restore, export), ``stored_figures`` (a
version's stored figures rechecked with the current edition), ``comparison`` (two versions compared),
``presentation_choice``, ``importing``, and ``messages`` (what a button's callback says).

Nothing is imported here, so that importing one part does not load the page."""
