"""Where the app's bundled files (translations, icons, sample project) live.

The same code runs from a source checkout (``<repo>/resources``), from a wheel
(``desktop/_resources``) and from a PyInstaller bundle (``<bundle>/resources``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """The folder holding ``translations/``, ``icons/``, ``sample_project/``."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates += [_PACKAGE / "_resources", _PACKAGE.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resource_path(*parts: str) -> Path:
    """A path below :func:`resources_dir` (it may not exist)."""
    return resources_dir().joinpath(*parts)
