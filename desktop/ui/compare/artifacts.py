"""The compare dialog's Artifacts tab: the compared runs' artifacts side by side.

"Logged images" shows one image key at one step for every run in a grid, with one
step slider (a run without an image at that step shows its nearest step, and says
so). "Same path" lists the files several runs have at the same path; choosing one
shows each run's copy side by side (images, logged tables and CSVs with rows
aligned by a key column, text). Everything is read on the thread pool, with
progress and a Cancel button.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.logged_tables import (
    align_tables,
    cell_text,
    common_columns,
    default_key_column,
)
from desktop.services.run_files import shared_paths
from desktop.services.step_images import StepImage, all_steps
from desktop.ui.compare import artifact_work as work
from desktop.ui.compare.artifact_panes import FilePane, ImageCell, ProgressStrip
from desktop.ui.compare.section import Section
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.preview_widgets import MessageView
from desktop.ui.detail.run_image_loading import ImageCache
from desktop.ui.i18n import describe
from desktop.ui.run_colors import run_colors
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

MIN_CELL_WIDTH = 300
MAX_IMAGE_SIDE = 720
ROW_ORDER = "\x00row-order"
"""The key-column choice that keeps each table's own row order."""


class _ProgressRelay(QObject):
    """Carries progress from pool jobs to the section that asked, by key (it
    lives as long as the app: a job never emits on a closed dialog's object)."""

    progress = Signal(int, int, int, int)
    """``(owner key, ticket, done, total)``."""

    def __init__(self) -> None:
        super().__init__()
        self._slots: dict[int, weakref.WeakMethod] = {}
        self._keys = itertools.count(1)
        self.progress.connect(self._deliver)

    def register(self, owner: QObject, slot: Callable[[int, int, int], None]) -> int:
        """A key delivering to ``slot`` (a bound method) until ``owner`` goes."""
        key = next(self._keys)
        self._slots[key] = weakref.WeakMethod(slot)
        owner.destroyed.connect(lambda *_a: self._slots.pop(key, None))
        return key

    @Slot(int, int, int, int)
    def _deliver(self, key: int, ticket: int, done: int, total: int) -> None:
        ref = self._slots.get(key)
        slot = ref() if ref is not None else None
        if slot is not None:
            slot(ticket, done, total)


_relay: _ProgressRelay | None = None


def _the_relay() -> _ProgressRelay:
    global _relay
    if _relay is None:
        _relay = _ProgressRelay()
    return _relay


class _Job:
    """A cancellable pool job whose progress reaches the GUI thread."""

    def __init__(self, owner: QObject, on_progress: Callable[[int, int], None]):
        self.runner = LatestOnly(owner)
        self._on_progress = on_progress
        self._ticket = 0
        self._cancel = threading.Event()
        self._key = _the_relay().register(owner, self._progress)

    def submit(self, fn: Callable[[work.Progress, work.Cancelled], Any]) -> None:
        """Run ``fn(progress, cancelled)``, cancelling the previous job."""
        self._cancel.set()
        cancel = self._cancel = threading.Event()
        self._ticket += 1
        key, ticket, relay = self._key, self._ticket, _the_relay()

        def progress(done: int, total: int) -> None:
            relay.progress.emit(key, ticket, done, total)

        self.runner.submit(lambda: fn(progress, cancel.is_set))

    def cancel(self) -> None:
        """Ask the running job to stop (its result still arrives)."""
        self._cancel.set()

    def is_busy(self) -> bool:
        return self.runner.is_busy()

    def _progress(self, ticket: int, done: int, total: int) -> None:
        if ticket == self._ticket:
            self._on_progress(done, total)


class CompareArtifactsSection(Section):
    """Logged images by step and files at the same path, for the compared runs."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareArtifacts")
        self.catalog = catalog
        self.scan: work.Scan | None = None
        self.progress = ProgressStrip(self)
        self.progress.cancel_requested.connect(self._on_cancel)
        self._scan_job = _Job(self, self.progress.set_progress)
        self._scan_job.runner.finished.connect(self._on_scanned)
        self._scan_job.runner.failed.connect(self._on_scan_failed)
        self.message = MessageView(self)
        self.again = QPushButton(self.tr("Read the artifacts again"), self)
        self.again.setObjectName("artifactsRescanButton")
        self.again.clicked.connect(self.rebuild)
        self.again.hide()
        message_page = QWidget(self)
        message_layout = QVBoxLayout(message_page)
        message_layout.addWidget(self.message, 1)
        message_layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignHCenter)
        message_layout.addStretch(1)
        self.images = StepImagesGrid(self)
        self.files = SharedFilesPage(self)
        self.modes = QTabWidget(self)
        self.modes.setObjectName("artifactModes")
        self.modes.addTab(self.images, self.tr("Logged images"))
        self.modes.addTab(self.files, self.tr("Same path in several runs"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(message_page)
        self.stack.addWidget(self.modes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        self.message.show_message(self.tr("Reading the runs' artifacts…"))

    def is_busy(self) -> bool:
        """Whether a scan, an image or a file is still loading."""
        return self._scan_job.is_busy() or self.images.is_busy() or self.files.is_busy()

    def rebuild(self) -> None:
        """Scan the compared runs' artifacts."""
        runs = [(r.pk, n) for r, n in zip(self.runs.runs, self.runs.names, strict=True)]
        self.scan = None
        self.again.hide()
        self.message.show_message(self.tr("Reading the runs' artifacts…"))
        self.stack.setCurrentIndex(0)
        self.progress.start(
            self.tr("Reading the artifacts of {0} runs…", "", len(runs)).format(
                len(runs)
            )
        )
        read = self.catalog.run_artifacts
        self._scan_job.submit(
            lambda progress, cancelled: work.scan_runs(read, runs, progress, cancelled)
        )

    def _on_cancel(self) -> None:
        self.progress.cancel.setEnabled(False)
        self._scan_job.cancel()
        self.images.cancel()
        self.files.cancel()

    def _on_scanned(self, scan: work.Scan) -> None:
        self.progress.hide()
        if scan.cancelled:
            self.message.show_message(
                self.tr("Cancelled"),
                self.tr("The artifacts were not read to the end."),
            )
            self.again.show()
            return
        self.scan = scan
        ids = {r.pk: r.run_id for r in self.runs.runs}
        colours = run_colors().distinct([ids[s.pk] for s in scan.runs])
        self.images.set_scan(scan, colours)
        self.files.set_scan(scan, colours)
        self.stack.setCurrentWidget(self.modes)
        if not self.images.has_images() and self.files.has_files():
            self.modes.setCurrentWidget(self.files)

    def _on_scan_failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.message.show_message(
            self.tr("Could not read the artifacts"), describe(exc)
        )
        self.again.show()


# -- logged images by step ------------------------------------------------------------
class StepImagesGrid(QWidget):
    """One image key at one step, for every compared run, in a grid."""

    def __init__(self, section: CompareArtifactsSection) -> None:
        super().__init__(section)
        self.setObjectName("compareImages")
        self.section = section
        self.scan: work.Scan | None = None
        self.steps: list[int] = []
        self.cells: list[ImageCell] = []
        self._columns = 0
        self.cache = ImageCache()
        self._wanted: list[tuple[Any, StepImage] | None] = []
        self._job = _Job(self, section.progress.set_progress)
        self._job.runner.finished.connect(self._on_loaded)
        self._job.runner.failed.connect(self._on_failed)

        self.key_combo = QComboBox(self)
        self.key_combo.setObjectName("compareImageKey")
        self.key_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.key_combo.currentIndexChanged.connect(self._on_key_changed)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("compareStepSlider")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._on_step_changed)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("compareStepLabel")
        self.step_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 14))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Image key:"), self))
        bar.addWidget(self.key_combo)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Step:"), self))
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.step_label)
        self.controls = QWidget(self)
        self.controls.setLayout(bar)
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.grid_host)
        self.empty = MessageView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.controls)
        layout.addWidget(self.stack, 1)

    def has_images(self) -> bool:
        return self.key_combo.count() > 0

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        """As many columns as cells of :data:`MIN_CELL_WIDTH` fit; images grow
        with their share of the width."""
        if not self.cells:
            return
        spacing = (
            self.grid.horizontalSpacing() if self.grid.horizontalSpacing() >= 0 else 6
        )
        width = self.scroll_area.viewport().width() - 24
        columns = max(1, min(len(self.cells), width // MIN_CELL_WIDTH))
        side = min(MAX_IMAGE_SIDE, (width - spacing * (columns - 1)) // columns - 16)
        box = QSize(max(side, 120), max(side * 5 // 6, 100))
        for cell in self.cells:
            cell.set_box(box)
        if columns != self._columns:
            self._columns = columns
            for cell in self.cells:
                self.grid.removeWidget(cell)
            for index, cell in enumerate(self.cells):
                self.grid.addWidget(cell, index // columns, index % columns)

    def is_busy(self) -> bool:
        return self._job.is_busy()

    def cancel(self) -> None:
        self._job.cancel()

    def set_scan(self, scan: work.Scan, colours) -> None:
        """Show the logged image keys of the scanned runs."""
        self.scan = scan
        for cell in self.cells:
            cell.deleteLater()
        self.cells = [
            ImageCell(s.name, c, self.grid_host)
            for s, c in zip(scan.runs, colours, strict=True)
        ]
        self._columns = 0
        self._lay_out()
        keys = sorted({k for s in scan.runs for k in s.series})
        blocked = self.key_combo.blockSignals(True)
        self.key_combo.clear()
        for key in keys:
            count = sum(1 for s in scan.runs if key in s.series)
            self.key_combo.addItem(
                self.tr("{0}  ({1} of {2} runs)").format(key, count, len(scan.runs)),
                key,
            )
        self.key_combo.blockSignals(blocked)
        if not keys:
            self.controls.hide()
            self.empty.show_message(
                self.tr("No logged images"),
                self.tr(
                    "None of these runs logged images with "
                    "mlflow.log_image(key=…, step=…)."
                ),
            )
            self.stack.setCurrentWidget(self.empty)
            return
        self.controls.show()
        self.stack.setCurrentWidget(self.scroll_area)
        self.key_combo.setCurrentIndex(0)
        self._on_key_changed()

    def current_key(self) -> str:
        return self.key_combo.currentData() or ""

    def current_step(self) -> int | None:
        if not self.steps:
            return None
        return self.steps[min(max(self.slider.value(), 0), len(self.steps) - 1)]

    def _on_key_changed(self, _index: int = 0) -> None:
        if self.scan is None:
            return
        key = self.current_key()
        self.steps = all_steps(s.series[key] for s in self.scan.runs if key in s.series)
        blocked = self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self.steps) - 1, 0))
        self.slider.setValue(len(self.steps) - 1)
        self.slider.setEnabled(len(self.steps) > 1)
        self.slider.blockSignals(blocked)
        self._on_step_changed()

    def _on_step_changed(self, _value: int = 0) -> None:
        step = self.current_step()
        if self.scan is None or step is None:
            return
        key = self.current_key()
        self.step_label.setText(self.tr("Step {0}").format(step))
        self._wanted = []
        missing = False
        for scan, cell in zip(self.scan.runs, self.cells, strict=True):
            series = scan.series.get(key)
            if series is None or scan.artifacts is None:
                self._wanted.append(None)
                cell.show_image(
                    None, "", scan.problem or self.tr("No images for this key")
                )
                continue
            image = series.at(step)
            self._wanted.append((scan.artifacts, image))
            caption = self._caption(image, step)
            cached = self.cache.get(scan.artifacts, image.path)
            if cached is None:
                missing = True  # the previous image stays until this one is read
            else:
                self._show(cell, cached, caption, image.step)
        if missing:
            wanted = list(self._wanted)
            self.section.progress.start(self.tr("Loading the images…"))
            self._job.submit(
                lambda _progress, cancelled: (
                    wanted,
                    work.load_step_images(wanted, cancelled),
                )
            )

    def _caption(self, image: StepImage, step: int) -> str:
        if image.step == step:
            return self.tr("step {0}").format(image.step)
        return self.tr("nearest: step {0} (none at {1})").format(image.step, step)

    def _show(self, cell: ImageCell, result, caption: str, step: int) -> None:
        if isinstance(result, loading.ImageResult):
            cell.show_image(result.image, caption, step=step)
        else:
            cell.show_image(None, caption, f"{result.title}\n{result.detail}".strip())

    def _on_loaded(self, result) -> None:
        if result is None:
            return
        wanted, decoded = result
        for item, shown in zip(wanted, decoded, strict=True):
            if item is not None and shown is not None:
                self.cache.put(item[0], item[1].path, shown)
        if wanted != self._wanted:
            return
        self.section.progress.hide()
        step = self.current_step()
        for item, shown, cell in zip(wanted, decoded, self.cells, strict=True):
            if item is not None and shown is not None and step is not None:
                self._show(cell, shown, self._caption(item[1], step), item[1].step)

    def _on_failed(self, exc: Exception) -> None:
        self.section.progress.hide()
        for cell in self.cells:
            cell.show_image(None, "", describe(exc))

    def shown_steps(self) -> list[int | None]:
        """The step of the image each run's cell shows (``None``: none)."""
        return [cell.step for cell in self.cells]


# -- one path in several runs ---------------------------------------------------------
class SharedFilesPage(QWidget):
    """Files several compared runs have at the same path, shown side by side."""

    def __init__(self, section: CompareArtifactsSection) -> None:
        super().__init__(section)
        self.setObjectName("sharedFiles")
        self.section = section
        self.scan: work.Scan | None = None
        self.panes: list[FilePane] = []
        self.loaded: list[work.FileView | None] = []
        self._job = _Job(self, section.progress.set_progress)
        self._job.runner.finished.connect(self._on_loaded)
        self._job.runner.failed.connect(self._on_failed)
        self._syncing = False

        self.paths = QListWidget(self)
        self.paths.setObjectName("sharedPathList")
        self.paths.currentItemChanged.connect(self._on_path_changed)
        self.key_label = QLabel(self.tr("Align rows by:"), self)
        self.key_combo = QComboBox(self)
        self.key_combo.setObjectName("alignKeyCombo")
        self.key_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.key_combo.currentIndexChanged.connect(self._show_tables)
        self.align_note = QLabel(self)
        self.align_note.setObjectName("alignNote")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.key_label)
        bar.addWidget(self.key_combo)
        bar.addWidget(self.align_note, 1)
        self.align_bar = QWidget(self)
        self.align_bar.setLayout(bar)
        self.panes_host = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes_host.setObjectName("sharedFilePanes")
        self.panes_host.setChildrenCollapsible(False)
        self.empty = MessageView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.panes_host)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.align_bar)
        right_layout.addWidget(self.stack, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.paths)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.align_bar.hide()

    def has_files(self) -> bool:
        return self.paths.count() > 0

    def is_busy(self) -> bool:
        return self._job.is_busy()

    def cancel(self) -> None:
        self._job.cancel()

    def set_scan(self, scan: work.Scan, colours) -> None:
        """List the paths at least two of the scanned runs have."""
        self.scan = scan
        for pane in self.panes:
            pane.deleteLater()
        self.panes = [
            FilePane(s.name, c, self.panes_host)
            for s, c in zip(scan.runs, colours, strict=True)
        ]
        for pane in self.panes:
            self.panes_host.addWidget(pane)
            pane.table.verticalScrollBar().valueChanged.connect(self._sync_scroll)
        self.paths.clear()
        files = [s.files for s in scan.runs]
        for path in shared_paths(files):
            count = sum(1 for f in files if path in f)
            item = QListWidgetItem(path, self.paths)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(self.tr("In {0} of {1} runs").format(count, len(files)))
        if self.paths.count() == 0:
            self.empty.show_message(
                self.tr("No shared files"),
                self.tr("No artifact path is present in more than one of these runs."),
            )
            self.stack.setCurrentWidget(self.empty)
            return
        self.empty.show_message(self.tr("Choose a path to see each run's copy."))
        self.stack.setCurrentWidget(self.empty)

    def current_path(self) -> str:
        item = self.paths.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def _on_path_changed(self, current, _previous=None) -> None:
        if current is None or self.scan is None:
            return
        path = current.data(Qt.ItemDataRole.UserRole)
        runs = list(self.scan.runs)
        self.align_bar.hide()
        for pane in self.panes:
            pane.show_message(self.tr("Loading…"))
        self.stack.setCurrentWidget(self.panes_host)
        self.section.progress.start(self.tr("Reading {0}…").format(path))
        self._job.submit(
            lambda progress, cancelled: (
                path,
                work.load_shared_file(runs, path, progress, cancelled),
            )
        )

    def _on_loaded(self, result) -> None:
        if result is None:
            return
        path, loaded = result
        if path != self.current_path():
            return
        self.section.progress.hide()
        self.loaded = loaded
        tables = [v for v in loaded if isinstance(v, work.TableFile)]
        for view, pane in zip(loaded, self.panes, strict=True):
            if view is None:
                pane.show_message(self.tr("Not in this run"))
            elif isinstance(view, loading.ImageResult):
                pane.show_picture(view.image, view.info)
            elif isinstance(view, loading.Message):
                pane.show_message(f"{view.title}\n{view.detail}".strip())
            elif isinstance(view, work.TextFile):
                pane.show_text(view.text, view.note)
        if tables:
            self._offer_keys([t.table for t in tables])
            self._show_tables()

    def _offer_keys(self, tables) -> None:
        columns = common_columns(tables)
        blocked = self.key_combo.blockSignals(True)
        self.key_combo.clear()
        self.key_combo.addItem(self.tr("(each table's own row order)"), ROW_ORDER)
        for column in columns:
            self.key_combo.addItem(column, column)
        first = default_key_column(tables[0])
        default = tables[0].columns[first] if first is not None else None
        index = self.key_combo.findData(default) if default in columns else 0
        self.key_combo.setCurrentIndex(max(index, 0))
        self.key_combo.blockSignals(blocked)
        self.align_bar.show()

    def _show_tables(self, _index: int = 0) -> None:
        views = [v if isinstance(v, work.TableFile) else None for v in self.loaded]
        tables = [v.table for v in views if v is not None]
        if not tables:
            return
        key = self.key_combo.currentData()
        if key == ROW_ORDER or key is None:
            self.align_note.setText("")
            for view, pane in zip(views, self.panes, strict=True):
                if view is not None:
                    pane.show_rows(
                        view.table.columns, view.table.rows, None, self._note(view)
                    )
            return
        aligned = align_tables(tables, key)
        labels = [cell_text(k) for k in aligned.keys]
        repeated = sum(aligned.duplicates)
        self.align_note.setText(
            self.tr("keys: {0}; rows left out for repeating a key: {1}").format(
                len(aligned.keys), repeated
            )
            if repeated
            else self.tr("keys: {0}").format(len(aligned.keys))
        )
        rows = iter(aligned.rows)
        for view, pane in zip(views, self.panes, strict=True):
            if view is None:
                continue
            mine = next(rows)
            missing = sum(1 for r in mine if r is None)
            note = self._note(view)
            if missing:
                extra = self.tr("missing keys: {0}").format(missing)
                note = f"{note}  ·  {extra}" if note else extra
            pane.show_rows(view.table.columns, mine, labels, note, key)

    def _note(self, view: work.TableFile) -> str:
        rows = self.tr("rows: {0}").format(len(view.table.rows))
        return f"{rows}  ·  {view.note}" if view.note else rows

    def _sync_scroll(self, value: int) -> None:
        """Scroll the aligned tables together."""
        if self._syncing:
            return
        self._syncing = True
        try:
            for pane in self.panes:
                bar: QScrollBar = pane.table.verticalScrollBar()
                if bar.value() != value:
                    bar.setValue(value)
        finally:
            self._syncing = False

    def _on_failed(self, exc: Exception) -> None:
        self.section.progress.hide()
        for pane in self.panes:
            pane.show_message(describe(exc))

    def pane_rows(self, index: int) -> list[list[str]]:
        """The rows pane ``index`` shows, as text (for checks and exports)."""
        model = self.panes[index].model
        return [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
