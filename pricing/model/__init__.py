"""The input types only: what a validated scenario and its contract are made of.

Modules here import only leaf modules of the package (month names, the parameter value type), so
validation and calculation can both import them without an import cycle through the model.
"""
