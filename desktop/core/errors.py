"""Errors raised by the lower layers and shown by the UI."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened (newer than this app, locked, corrupt...)."""
