"""Streamlit pages: one module per page, each with a ``render_*`` function (thin; logic in pricing/)."""
