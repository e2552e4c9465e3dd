"""Load the scripts of ``packaging/`` as modules (that folder is not a package, and
its name would shadow the ``packaging`` library on ``sys.path``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def load_packaging_script(name: str) -> ModuleType:
    """Import ``packaging/<name>.py`` under the module name ``<name>_script``."""
    spec = importlib.util.spec_from_file_location(
        f"{name}_script", PACKAGING / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
