"""Stop PySide6 from reading the source of every module imported after it.

PySide6's ``__feature__`` support (``snake_case``, ``true_property``) asks, for each
module imported once Qt is loaded, whether its source mentions PySide6
(``inspect.getsource``: the file read, decoded and split into lines). At start-up
that is hundreds of files (SQLAlchemy, NumPy, ours) and about a fifth of the time
spent importing them. The app never selects a feature, so no module needs the
answer: each is marked "ignored by features", which is what a module without Qt
gets anyway.
"""

from __future__ import annotations

import sys


def _uses_no_feature(_module: object) -> bool:
    return False


def skip_feature_source_scan() -> None:
    """Make PySide6's per-import feature check free (idempotent)."""
    import PySide6.QtCore  # noqa: F401 - installs the import hook being tamed

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        setattr(feature, "_mod_uses_pyside", _uses_no_feature)  # noqa: B010
