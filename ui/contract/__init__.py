"""The Contract & offerte page (``page.render_contract``), one module per part of it:
``fields`` (the contract in the session, bound widgets), ``grids`` (tasks, indicators, areas; a
table's edit written back), ``lines`` (staffing, activities), ``general``, ``indexation``, ``references``, ``budget``, ``downloads``.

Nothing is imported here: reading one part does not load the page. The grid cells these tables
share with the other editors are in ui/cells.py."""
