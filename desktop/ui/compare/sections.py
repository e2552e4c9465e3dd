"""The compare dialog's sections as a registry: name, tab title and how to build.

The dialog makes one tab per entry of :data:`SECTIONS`, in order; a section is
built when its tab is first shown (the table at once). Asking for a name that is
not registered raises :class:`UnknownSection`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.ui.compare.curves import MetricCurvesSection
from desktop.ui.compare.importance import ParamImportanceSection
from desktop.ui.compare.parallel import ParallelCoordinatesSection
from desktop.ui.compare.scatter import ScatterSection
from desktop.ui.compare.table import CompareTableSection

if TYPE_CHECKING:
    from desktop.ui.compare.dialog import CompareDialog


class UnknownSection(ValueError):
    """A section name that no :class:`SectionSpec` is registered for."""

    def __init__(self, name: str) -> None:
        known = ", ".join(s.name for s in SECTIONS)
        super().__init__(f"unknown compare section {name!r}; known sections: {known}")
        self.name = name


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """A compare section: ``build(dialog, page)`` makes its widget on ``page``."""

    name: str
    title: str
    build: Callable[[CompareDialog, QWidget], QWidget]
    lazy: bool = True
    """Built when its tab is first shown (else with the dialog, as the page)."""


def _table(dialog: CompareDialog, page: QWidget) -> QWidget:
    return CompareTableSection(dialog.settings, page, dialog.groups)


def _parallel(dialog: CompareDialog, page: QWidget) -> QWidget:
    section = ParallelCoordinatesSection(page, dialog.groups)
    section.select_runs_requested.connect(dialog.select_runs_requested)
    return section


def _scatter(dialog: CompareDialog, page: QWidget) -> QWidget:
    return ScatterSection(page, dialog.groups)


def _curves(dialog: CompareDialog, page: QWidget) -> QWidget:
    return MetricCurvesSection(dialog.catalog, page, dialog.groups)


def _artifacts(dialog: CompareDialog, page: QWidget) -> QWidget:
    from desktop.ui.compare.artifacts import CompareArtifactsSection

    return CompareArtifactsSection(dialog.catalog, page)


def _importance(dialog: CompareDialog, page: QWidget) -> QWidget:
    return ParamImportanceSection(dialog.catalog, dialog.analysis, page)


SECTIONS = (
    SectionSpec("table", QT_TRANSLATE_NOOP("CompareDialog", "Table"), _table, False),
    SectionSpec(
        "parallel",
        QT_TRANSLATE_NOOP("CompareDialog", "Parallel coordinates"),
        _parallel,
    ),
    SectionSpec("scatter", QT_TRANSLATE_NOOP("CompareDialog", "Scatter"), _scatter),
    SectionSpec("curves", QT_TRANSLATE_NOOP("CompareDialog", "Metric curves"), _curves),
    SectionSpec(
        "importance",
        QT_TRANSLATE_NOOP("CompareDialog", "Parameter importance"),
        _importance,
    ),
    SectionSpec(
        "artifacts", QT_TRANSLATE_NOOP("CompareDialog", "Artifacts"), _artifacts
    ),
)
"""Every compare section, in tab order."""
_BY_NAME = {s.name: s for s in SECTIONS}


def section_spec(name: str) -> SectionSpec:
    """The registered section ``name``; raises :class:`UnknownSection`."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownSection(name) from None
