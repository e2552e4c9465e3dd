"""The Qt-free layers stay Qt-free (the import-linter contract, checked two ways)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = (
    "desktop.core",
    "desktop.sources",
    "desktop.store",
    "desktop.services",
    "desktop.analysis",
)


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if info.name.startswith(QT_FREE) and ".migrations" not in info.name:
            names.append(info.name)
    return names


def test_every_core_module_imports_without_loading_qt():
    modules = _modules()
    assert "desktop.services.importing" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert result.stdout.strip() == ""


def test_import_linter_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def test_no_contract_ignores_an_import():
    """The UI contract holds with no exceptions (the open store reaches the UI
    as services.store_handle.OpenStore, never desktop.store)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert [c["name"] for c in contracts if c.get("ignore_imports")] == []
