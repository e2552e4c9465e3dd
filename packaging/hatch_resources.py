"""Hatch build hook: ship ``resources/`` inside the wheel as ``desktop/_resources``.

``desktop/resources.py`` finds them there when the app runs from an installed
wheel. Only what the app reads at runtime goes in (icons, compiled translations,
the sample project), and only the folders that exist: README screenshots,
translation sources and the Windows/macOS icon containers stay out.
"""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

FOLDERS = ("icons", "translations", "sample_project")
SKIPPED_SUFFIXES = {".ts", ".ico", ".icns"}
TARGET = "desktop/_resources"


class ResourcesHook(BuildHookInterface):
    """Adds the runtime resources to ``build_data["force_include"]``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":  # an editable install reads <repo>/resources
            return
        root = Path(self.root) / "resources"
        for folder in FOLDERS:
            for path in sorted((root / folder).rglob("*")):
                if path.is_file() and path.suffix not in SKIPPED_SUFFIXES:
                    relative = path.relative_to(root).as_posix()
                    build_data["force_include"][str(path)] = f"{TARGET}/{relative}"
