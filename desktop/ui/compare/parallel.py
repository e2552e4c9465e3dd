"""The parallel-coordinates section: axis chooser, colouring, brushing."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.defaults import chosen_metric, default_axes, suggests_log
from desktop.analysis.group_set import GroupSet, group_axes
from desktop.analysis.parallel import (
    AxisScale,
    axis_scale,
    can_log,
    colour_bins,
    unit_matrix,
)
from desktop.analysis.run_set import RunSet
from desktop.analysis.variables import Variable
from desktop.ui.compare.chooser import VariableChooser
from desktop.ui.compare.export import ExportButton
from desktop.ui.compare.group_mode import colors_of, group_labels, mode_combo
from desktop.ui.compare.parallel_item import ParallelCoordinatesItem
from desktop.ui.compare.section import Section
from desktop.ui.plot_style import TAB10, color_bar, color_map, layout_widget

BINS = 32
GROUP_LINE_WIDTH = 2.5
MARGINS = (70, 60, 62, 14)  # left, right, top, bottom, in pixels


class ParallelCoordinatesSection(Section):
    """One axis per chosen param and metric, one line per run (or, given groups,
    per group at its means, coloured as its curve)."""

    select_runs_requested = Signal(list)
    """Run row ids inside the brushed ranges, to select in the runs table."""

    def __init__(
        self,
        parent: QWidget | None = None,
        groups: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parallelCoordinates")
        # Groups of the runs by name (None: runs only).
        self.groups = dict(groups) if groups else None
        self.group_set: GroupSet | None = None
        """The groups drawn, while the switch says group means."""
        self.variables: list[Variable] = []
        self.scales: list[AxisScale] = []
        self._value_brushes: dict[str, tuple[float, float]] = {}
        self._color: Variable | None = None
        self._axis_order: list[str] = []

        self.chooser = VariableChooser(with_log=True, parent=self)
        self.chooser.setObjectName("parallelAxes")
        self.chooser.changed.connect(self._on_axes_changed)
        self.color_combo = QComboBox(self)
        self.color_combo.setObjectName("parallelColor")
        self.color_combo.setMinimumWidth(180)
        self.color_combo.currentIndexChanged.connect(self._on_color_changed)
        self.color_label = QLabel(self.tr("Colour by"), self)
        self.mode = mode_combo(self, "parallelMode", bands=False)
        self.mode.setVisible(self.groups is not None)
        self.mode.currentIndexChanged.connect(lambda _i: self.set_runs(self.runs))
        self.clear_button = QPushButton(self.tr("Clear ranges"), self)
        self.clear_button.setObjectName("parallelClear")
        self.clear_button.clicked.connect(lambda: self.item.clear_brush())
        self.select_button = QPushButton(self.tr("Select in runs table"), self)
        self.select_button.setObjectName("parallelSelect")
        self.select_button.setToolTip(
            self.tr("Select the runs inside the ranges in the main window")
        )
        self.select_button.clicked.connect(self._on_select_clicked)
        self.status = QLabel(self)
        self.status.setObjectName("parallelStatus")
        self.status.setWordWrap(True)
        self.group_legend = QLabel(self)
        self.group_legend.setObjectName("parallelGroups")
        self.group_legend.setWordWrap(True)
        self.group_legend.hide()

        self.graphics = layout_widget(self)
        self.graphics.setObjectName("parallelView")
        self.graphics.setAntialiasing(True)  # the lines decide for themselves
        self.view_box = self.graphics.addViewBox(row=0, col=0)
        self.view_box.setMouseEnabled(x=False, y=False)
        self.view_box.setMenuEnabled(False)
        self.view_box.sigResized.connect(self._fit)
        self.item = ParallelCoordinatesItem()
        self.view_box.addItem(self.item)
        self.item.brush_changed.connect(self._on_brush_changed)
        self.item.axis_menu_requested.connect(self._on_axis_menu)
        self.bar = color_bar("", 0.0, 1.0)
        self.graphics.addItem(self.bar, row=0, col=1)
        self.export_button = ExportButton(
            "parallel-coordinates", lambda: self.graphics.ci, self.csv_rows, self
        )
        self.export_button.setObjectName("parallelExport")

        controls = QHBoxLayout()
        controls.addWidget(self.mode)
        controls.addWidget(self.color_label)
        controls.addWidget(self.color_combo)
        controls.addStretch(1)
        controls.addWidget(self.clear_button)
        controls.addWidget(self.select_button)
        controls.addWidget(self.export_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(controls)
        right_layout.addWidget(self.graphics, 1)
        right_layout.addWidget(self.group_legend)
        right_layout.addWidget(self.status)
        hint = QLabel(
            self.tr(
                "Drag along an axis to keep a range; click the axis to clear it. "
                "Right-click an axis for more."
            ),
            self,
        )
        hint.setWordWrap(True)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.chooser, 1)
        left_layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    # -- public ------------------------------------------------------------------------
    def axis_ids(self) -> list[str]:
        """Ids of the variables on the axes, in order."""
        return [v.id for v in self.variables]

    def set_axes(self, ids: list[str], logged: set[str] | None = None) -> None:
        """Show exactly these axes in this order (ids such as ``param:lr``).

        ``logged`` (when given) says which of them use a log scale.
        """
        self._axis_order = list(ids)
        self.chooser.blockSignals(True)
        for ident in self.runs.variable_ids():
            self.chooser.set_checked(ident, ident in ids)
            if logged is not None:
                self.chooser.set_logged(ident, ident in logged)
        self.chooser.blockSignals(False)
        self._on_axes_changed()

    def set_brush(self, ident: str, lo: float, hi: float) -> None:
        """Keep runs whose value of axis ``ident`` lies in ``[lo, hi]``."""
        axis = self.axis_ids().index(ident)
        scale = self.scales[axis]
        unit = scale.to_unit(np.array([lo, hi], dtype=np.float64))
        self.item.set_brush(axis, float(unit[0]), float(unit[1]))

    def items(self) -> RunSet | GroupSet:
        """What the lines stand for: the groups, or the runs."""
        return self.runs if self.group_set is None else self.group_set

    def kept_pks(self) -> list[int]:
        """Row ids of the runs inside every range (of the groups inside them)."""
        kept = np.flatnonzero(self.item.kept()).tolist()
        if self.group_set is not None:
            return [pk for g in kept for pk in self.group_set.pks(g)]
        pks = self.runs.pks
        return [pks[i] for i in kept]

    def csv_rows(self) -> list[list[object]]:
        """Each run's value on every axis, its colour value and whether it is kept;
        by group, each group's mean on every axis."""
        if self.group_set is not None:
            return self._group_csv_rows(self.group_set)
        names = self.runs.names
        kept = self.item.kept()
        header = ["run_id", "run_name", *(v.id for v in self.variables), "kept"]
        color = self._color
        if color is not None:
            header.insert(-1, f"colour:{color.id}")
        rows: list[list[object]] = [header]
        for i, run in enumerate(self.runs.runs):
            row: list[object] = [run.run_id, names[i]]
            row += [v.text(i) for v in self.variables]
            if color is not None:
                row.append(color.text(i))
            row.append(bool(kept[i]) if i < kept.size else False)
            rows.append(row)
        return rows

    def _group_csv_rows(self, groups: GroupSet) -> list[list[object]]:
        kept = self.item.kept()
        header = ["group", "runs", *(v.id for v in self.variables), "kept"]
        rows: list[list[object]] = [header]
        for g, name in enumerate(groups.names):
            row: list[object] = [name, groups.counts[g]]
            row += [v.text(g) for v in self.variables]
            row.append(bool(kept[g]) if g < kept.size else False)
            rows.append(row)
        return rows

    # -- building ----------------------------------------------------------------------
    def rebuild(self) -> None:
        """Refill the axis list and colour choices, then redraw."""
        runs = self.runs
        by_group = self.groups is not None and bool(self.mode.currentData())
        self.group_set = GroupSet(runs, self.groups) if by_group else None  # type: ignore[arg-type]
        self.color_label.setVisible(not by_group)
        self.color_combo.setVisible(not by_group)
        self.group_legend.setVisible(by_group)
        if self.group_set is not None:
            self.group_legend.setText(_legend_html(self.group_set))
        items = self.items()
        params = [items.param(k) for k in runs.param_keys]
        metrics = [items.metric(k) for k in runs.metric_keys]
        metric = chosen_metric(runs)
        if self.group_set is not None:
            chosen = group_axes(self.group_set, metric)
        else:
            chosen = default_axes(runs, metric)
        self.chooser.set_variables(
            [
                ("param", [(v.id, v.key) for v in params]),
                ("metric", [(v.id, v.key) for v in metrics]),
            ],
            chosen,
            loggable=[v.id for v in params + metrics if can_log(v)],
            logged=[v.id for v in params if suggests_log(v)],
        )
        self.color_combo.blockSignals(True)
        self.color_combo.clear()
        self.color_combo.addItem(self.tr("(none)"), "")
        for v in metrics:
            self.color_combo.addItem(v.key, v.id)
        for v in params:
            if not v.is_categorical:
                self.color_combo.addItem(self.tr("{0} (param)").format(v.key), v.id)
        if metric is not None:
            self.color_combo.setCurrentIndex(
                self.color_combo.findData(f"metric:{metric}")
            )
        self.color_combo.blockSignals(False)
        self._value_brushes.clear()
        self._axis_order = chosen
        self._on_color_changed()

    def _on_axes_changed(self) -> None:
        logged = self.chooser.logged_ids()
        checked = self.chooser.checked_ids()
        order = [i for i in self._axis_order if i in checked] + [
            i for i in checked if i not in self._axis_order
        ]
        # Params left, metrics right, whatever order they were ticked in.
        self._axis_order = sorted(order, key=lambda i: not i.startswith("param:"))
        items = self.items()
        self.variables = [items.variable(i) for i in self._axis_order]
        self.scales = [axis_scale(v, v.id in logged) for v in self.variables]
        matrix = unit_matrix(self.variables, self.scales)
        if not self.variables:
            matrix = np.empty((len(items), 0))
        bins, colors = self._bins()
        groups = self.group_set
        self.item.line_width = 1 if groups is None else GROUP_LINE_WIDTH
        self.item.set_data(
            matrix,
            [v.label for v in self.variables],
            self.scales,
            self.runs.names if groups is None else group_labels(groups),
            bins,
            colors,
        )
        brushes = {}
        for axis, v in enumerate(self.variables):
            if v.id in self._value_brushes:
                lo, hi = self._value_brushes[v.id]
                unit = self.scales[axis].to_unit(np.array([lo, hi]))
                if np.isfinite(unit).all():
                    brushes[axis] = (float(unit[0]), float(unit[1]))
        self.item.set_brushes(brushes)
        self._fit()

    def _bins(self) -> tuple[np.ndarray, list]:
        if self.group_set is not None:  # each group its own colour
            self._color = None
            self.bar.hide()
            n = len(self.group_set)
            return np.arange(n, dtype=np.int64), colors_of(self.group_set)
        ident = self.color_combo.currentData() or ""
        color = self.runs.variable(ident) if ident else None
        self._color = color
        n = len(self.runs)
        if color is None:
            self.bar.hide()
            return np.zeros(n, dtype=np.int64), [QColor(TAB10[0])]
        values = color.values
        finite = values[np.isfinite(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0, 1)
        self.bar.setLevels((lo, hi if hi > lo else lo + 1))
        self.bar.getAxis("left").setLabel(color.label)
        self.bar.show()
        colors = color_map().map(np.linspace(0, 1, BINS), mode="qcolor")
        return colour_bins(values, lo, hi, BINS), list(colors)

    def _on_color_changed(self, _index: int = 0) -> None:
        if self.runs.runs:
            self._on_axes_changed()

    def _fit(self) -> None:
        """Keep fixed pixel margins around the axes for labels and titles."""
        rect = self.view_box.rect()
        left, right, top, bottom = MARGINS
        width = max(1.0, rect.width() - left - right)
        height = max(1.0, rect.height() - top - bottom)
        span = max(1, self.item.axis_count() - 1)
        ux, uy = span / width, 1.0 / height
        self.item.fit_titles(
            width / span if self.item.axis_count() > 1 else width, left, right
        )
        x_hi = (self.item.axis_count() - 1 if self.item.axis_count() > 1 else 0) + (
            right * ux
        )
        self.view_box.setRange(
            xRange=(-left * ux, x_hi), yRange=(-bottom * uy, 1 + top * uy), padding=0
        )

    # -- interaction -------------------------------------------------------------------
    def _on_brush_changed(self) -> None:
        self._value_brushes = {
            self.variables[a].id: (
                self.scales[a].from_unit(lo),
                self.scales[a].from_unit(hi),
            )
            for a, (lo, hi) in self.item.brushes().items()
            if a < len(self.variables)
        }
        kept = int(self.item.kept().sum())
        total = len(self.items())
        if self.group_set is not None:
            parts = [
                self.tr("{0} of {1} groups inside the ranges", "", total).format(
                    kept, total
                )
            ]
        else:
            parts = [
                self.tr("{0} of {1} runs inside the ranges", "", total).format(
                    kept, total
                )
            ]
        for a, (lo, hi) in sorted(self.item.brushes().items()):
            v, scale = self.variables[a], self.scales[a]
            parts.append(f"{v.label}: {_describe(scale, lo, hi)}")
        if not self.item.brushes():
            parts = [
                self.tr("{0} runs", "", total).format(total)
                if self.group_set is None
                else self.tr("{0} groups", "", total).format(total)
            ]
        if self.runs.param_keys and not any(v.kind == "param" for v in self.variables):
            parts.append(
                self.tr(
                    "No param varies in most of these runs; tick params on the "
                    "left to add their axes."
                )
            )
        self.status.setText("   ·   ".join(parts))
        self.select_button.setEnabled(bool(self.item.brushes()) and kept > 0)
        self.clear_button.setEnabled(bool(self.item.brushes()))

    def _on_select_clicked(self) -> None:
        self.select_runs_requested.emit(self.kept_pks())

    def _on_axis_menu(self, axis: int, screen_pos: QPointF) -> None:
        variable = self.variables[axis]
        menu = QMenu(self)
        log = menu.addAction(self.tr("Log scale"))
        log.setCheckable(True)
        log.setChecked(self.scales[axis].log)
        log.setEnabled(can_log(variable))
        log.toggled.connect(lambda on: self.chooser.set_logged(variable.id, on))
        clear = menu.addAction(self.tr("Clear range"))
        clear.setEnabled(axis in self.item.brushes())
        clear.triggered.connect(lambda: self.item.clear_brush(axis))
        menu.addSeparator()
        left = menu.addAction(self.tr("Move left"), lambda: self._move(axis, -1))
        kinds = [v.kind for v in self.variables]
        left.setEnabled(axis > 0 and kinds[axis - 1] == variable.kind)
        right = menu.addAction(self.tr("Move right"), lambda: self._move(axis, 1))
        right.setEnabled(
            axis < len(self.variables) - 1 and kinds[axis + 1] == variable.kind
        )
        menu.addAction(
            self.tr("Remove axis"),
            lambda: self.chooser.set_checked(variable.id, False),
        )
        menu.exec(screen_pos.toPoint())

    def _move(self, axis: int, offset: int) -> None:
        """Swap an axis with its neighbour."""
        order = self._axis_order
        other = axis + offset
        if 0 <= other < len(order):
            order[axis], order[other] = order[other], order[axis]
            self._on_axes_changed()


def _legend_html(groups: GroupSet) -> str:
    """Each group's colour and name, in a line (as the curves' legend colours)."""
    colors = colors_of(groups)
    return "&nbsp;&nbsp;&nbsp;".join(
        f"<span style='color:{c.name()}'>&#9632;</span>&nbsp;{html.escape(label)}"
        for c, label in zip(colors, group_labels(groups), strict=True)
    )


def _describe(scale: AxisScale, lo: float, hi: float) -> str:
    if scale.categories:
        first = int(np.ceil(scale.from_unit(lo) - 1e-9))
        last = int(np.floor(scale.from_unit(hi) + 1e-9))
        names = scale.categories[first : last + 1]
        return ", ".join(names) if names else "∅"
    return f"{scale.from_unit(lo):.4g} \u2013 {scale.from_unit(hi):.4g}"
