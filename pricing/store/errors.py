"""The store's errors; each carries a Dutch message for the user."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the store, explained in Dutch for the user."""


class AccessDenied(StoreError):
    pass
