"""The Contract & offerte page (``page.render_contract``), one module per part of it:
``fields`` (the contract in the session, bound widgets), ``cells`` (grid cells as values),
``grids`` (tasks, indicators, areas; a table's edit written back), ``lines`` (staffing, activities),
``general``, ``indexation``, ``references``, ``budget``, ``downloads``.

Nothing is imported here, so that the editor modules (ui/index_editor.py, ...) can use ``cells``
without loading the page."""
