"""Comparing groups in the compare sections: the Groups | Runs switch, each
group's colour (as its curve in the metric charts) and its name with its count."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.analysis.group_curves import Band
from desktop.analysis.group_set import GroupSet
from desktop.ui.plot_style import run_color

MEANS = "means"
"""The switch's data for group means without a band; ``""`` is each run."""


def _tr(text: str, count: int = -1) -> str:
    return QCoreApplication.translate("CompareGroups", text, None, count)


def mode_combo(parent: QWidget, name: str, bands: bool) -> QComboBox:
    """A switch between the groups and their runs; ``bands``: the groups with
    min to max or with ±1 std (as the metric curves offer)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    if bands:
        combo.addItem(_tr("Group means, min to max"), Band.RANGE.value)
        combo.addItem(_tr("Group means, ±1 std"), Band.STD.value)
    else:
        combo.addItem(_tr("Group means"), MEANS)
    combo.addItem(_tr("Each run"), "")
    combo.setToolTip(_tr("Compare the groups taken together, or each of their runs"))
    return combo


def group_colors(count: int) -> list[QColor]:
    """The groups' colours, as the metric curves draw their means."""
    return [run_color(i, count) for i in range(count)]


def group_label(name: str, count: int) -> str:
    """A group's name with its run count: ``lr=0.1 · 3 runs``."""
    return _tr("{0} · {1} runs", count).format(name, count)


def group_labels(groups: GroupSet) -> list[str]:
    """Every group's :func:`group_label`."""
    return [group_label(n, c) for n, c in zip(groups.names, groups.counts, strict=True)]
