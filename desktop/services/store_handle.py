"""The open store as the UI names it: an opaque handle it passes on to services.

The UI never imports :mod:`desktop.store` (an import-linter contract): it types
the store the app opened with :data:`OpenStore` and hands it to the services
that read and write it (the catalog, imports, CSV export).
"""

from __future__ import annotations

from typing import TypeAlias

from desktop.store.database import Store

OpenStore: TypeAlias = Store
"""The open local store (a :class:`desktop.store.database.Store`)."""
