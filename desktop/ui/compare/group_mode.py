"""Comparing groups in the compare sections: the Groups | Runs switch, each
group's colour (as its curve in the metric charts) and its name with its count."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.analysis.group_curves import Band
from desktop.analysis.group_set import GroupSet
from desktop.ui.run_colors import run_colors

MEANS = "means"
"""The switch's data for group means without a band; ``""`` is each run."""


def mode_combo(parent: QWidget, name: str, bands: bool) -> QComboBox:
    """A switch between the groups and their runs; ``bands``: the groups with
    min to max or with ±1 std (as the metric curves offer)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    if bands:
        combo.addItem(
            QCoreApplication.translate("CompareGroups", "Group means, min to max"),
            Band.RANGE.value,
        )
        combo.addItem(
            QCoreApplication.translate("CompareGroups", "Group means, ±1 std"),
            Band.STD.value,
        )
    else:
        combo.addItem(QCoreApplication.translate("CompareGroups", "Group means"), MEANS)
    combo.addItem(QCoreApplication.translate("CompareGroups", "Each run"), "")
    combo.setToolTip(
        QCoreApplication.translate(
            "CompareGroups", "Compare the groups taken together, or each of their runs"
        )
    )
    return combo


def group_colors(names: list[str]) -> list[QColor]:
    """The groups' colours (by name, as the metric curves and the charts view
    draw their means)."""
    return run_colors().group_colors(names)


def colors_of(groups: GroupSet) -> list[QColor]:
    """Each group's colour (:func:`group_colors`)."""
    return group_colors(list(groups.names))


class CompareGroups(QObject):
    """The translation context of group labels (plural forms need ``tr``)."""

    def label(self, name: str, count: int) -> str:
        """``lr=0.1 · 3 runs``."""
        return self.tr("{0} · {1} runs", "", count).format(name, count)


def group_label(name: str, count: int) -> str:
    """A group's name with its run count: ``lr=0.1 · 3 runs`` (``1 run``)."""
    return CompareGroups().label(name, count)


def group_labels(groups: GroupSet) -> list[str]:
    """Every group's :func:`group_label`."""
    return [group_label(n, c) for n, c in zip(groups.names, groups.counts, strict=True)]
