"""The input types only: what a validated scenario and its contract are made of.

Modules here import nothing else from the package (but the Dutch month names), so validation and
calculation can both import them without an import cycle through the model.
"""
