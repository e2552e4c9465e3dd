"""The Images tab of the run detail dock: images logged with
``mlflow.log_image(key=..., step=...)``, one key at a time, with a step slider.

Scrubbing shows cached images at once; others are decoded on the thread pool
(only the newest request is shown, the previous image stays until it arrives),
and the neighbouring steps are decoded ahead.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.formatting import format_time
from desktop.services.run_artifacts import RunArtifacts
from desktop.services.run_files import step_images
from desktop.services.step_images import ImageSeries, StepImage
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.image_preview import ImagePreview
from desktop.ui.detail.preview_widgets import MessageView
from desktop.ui.detail.run_image_loading import ImageCache, load_run_image
from desktop.ui.i18n import describe, translated
from desktop.ui.workers import LatestOnly, TaggedJobs

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

LOADING_MESSAGE_MS = 300
UPSCALE_LIMIT = 8.0
"""Small logged images (thumbnails, MNIST digits) grow up to this much to fit."""


def load_run_images(
    catalog: Catalog, pk: int
) -> tuple[int, RunArtifacts | None, dict[str, ImageSeries]]:
    """Run ``pk``'s artifacts and its logged image series (work for the pool)."""
    artifacts = catalog.run_artifacts(pk)
    if artifacts is None or artifacts.root.path is None:
        return pk, artifacts, {}
    return pk, artifacts, step_images(artifacts)


class StepImagesView(QWidget):
    """A run's logged image keys, each browsed over its steps with a slider."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepImagesView")
        self.catalog = catalog
        self.run_pk: int | None = None
        self.artifacts: RunArtifacts | None = None
        self.series: dict[str, ImageSeries] = {}
        self.cache = ImageCache()
        self.shown: StepImage | None = None
        self._wanted: StepImage | None = None

        self._listing = LatestOnly(self)
        self._listing.finished.connect(self._on_listed)
        self._listing.failed.connect(self._on_list_failed)
        self._decoding = LatestOnly(self)
        self._decoding.finished.connect(self._on_decoded)
        self._decoding.failed.connect(self._on_decode_failed)
        self._ahead = TaggedJobs(self)
        self._ahead.finished.connect(self._on_decoded_ahead)
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_MESSAGE_MS)
        self._loading_timer.timeout.connect(self._on_loading_timeout)

        self.key_label = QLabel(self.tr("Image key:"), self)
        self.key_combo = QComboBox(self)
        self.key_combo.setObjectName("imageKeyCombo")
        self.key_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.key_combo.currentIndexChanged.connect(self._on_key_changed)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("imageStepSlider")
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._on_step_changed)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("imageStepLabel")
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        self.step_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.image = ImagePreview(self)
        self.message = MessageView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.image)

        keys = QHBoxLayout()
        keys.setContentsMargins(0, 0, 0, 0)
        keys.addWidget(self.key_label)
        keys.addWidget(self.key_combo)
        keys.addStretch(1)
        self.controls = QWidget(self)
        steps = QVBoxLayout(self.controls)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.addLayout(keys)
        steps.addWidget(self.slider)
        steps.addWidget(self.step_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.controls)
        layout.addWidget(self.stack, 1)
        self._show_message(self.tr("Select a run to see its logged images."))

    # -- public API -------------------------------------------------------------------
    def set_run(self, pk: int | None) -> None:
        """Show the logged images of run ``pk`` (``None``: nothing)."""
        if pk == self.run_pk and pk is not None:
            return
        self.run_pk = pk
        self.artifacts = None
        self.series = {}
        self.shown = self._wanted = None
        self._decoding.submit(lambda: None)
        if pk is None:
            self._listing.submit(lambda: None)
            self._show_message(self.tr("Select a run to see its logged images."))
            return
        self._show_message(self.tr("Looking for logged images…"))
        catalog = self.catalog
        self._listing.submit(lambda: load_run_images(catalog, pk))

    def reload(self) -> None:
        """Look for the run's images again (after a re-import)."""
        pk, self.run_pk = self.run_pk, None
        self.set_run(pk)

    def is_busy(self) -> bool:
        """Whether a listing or the shown image is still loading."""
        return self._listing.is_busy() or self._decoding.is_busy()

    def current_series(self) -> ImageSeries | None:
        """The image series of the chosen key."""
        return self.series.get(self.key_combo.currentData() or "")

    def wanted_image(self) -> StepImage | None:
        """The image the slider points at."""
        series = self.current_series()
        if series is None or not series.images:
            return None
        index = min(max(self.slider.value(), 0), len(series.images) - 1)
        return series.images[index]

    # -- loading ----------------------------------------------------------------------
    def _on_listed(self, result) -> None:
        if result is None:
            return
        pk, artifacts, series = result
        if pk != self.run_pk:
            return
        self.artifacts = artifacts
        self.series = series
        if artifacts is None:
            self._show_message(self.tr("This run is no longer in the store."))
            return
        if artifacts.root.path is None:
            self._show_message(
                self.tr("The artifacts are not on this computer"),
                translated(artifacts.root.problem),
            )
            return
        if not series:
            self._show_message(
                self.tr("No logged images"),
                self.tr(
                    "This run has no images logged with "
                    "mlflow.log_image(key=…, step=…)."
                ),
            )
            return
        previous = self.key_combo.currentData()
        blocked = self.key_combo.blockSignals(True)
        self.key_combo.clear()
        for key, one in series.items():
            self.key_combo.addItem(
                self.tr("{0}  (steps: {1})").format(key, len(one.images)),
                key,
            )
        index = self.key_combo.findData(previous) if previous in series else 0
        self.key_combo.setCurrentIndex(max(index, 0))
        self.key_combo.blockSignals(blocked)
        self.controls.show()
        self._on_key_changed()

    def _on_list_failed(self, exc: Exception) -> None:
        self._show_message(self.tr("Could not look for logged images"), describe(exc))

    def _on_key_changed(self, _index: int = 0) -> None:
        series = self.current_series()
        if series is None:
            return
        blocked = self.slider.blockSignals(True)
        self.slider.setRange(0, len(series.images) - 1)
        self.slider.setValue(len(series.images) - 1)  # the latest step first
        self.slider.setEnabled(len(series.images) > 1)
        self.slider.blockSignals(blocked)
        self._on_step_changed()

    def _on_step_changed(self, _value: int = 0) -> None:
        image = self.wanted_image()
        if image is None or self.artifacts is None:
            return
        series = self.current_series()
        assert series is not None
        self.step_label.setText(
            self.tr("Step {0}  ·  {1} of {2}  ·  logged {3}").format(
                image.step,
                self.slider.value() + 1,
                len(series.images),
                format_time(image.timestamp),
            )
        )
        self._wanted = image
        cached = self.cache.get(self.artifacts, image.path)
        if cached is not None:
            self._decoding.submit(lambda: None)  # drop a decode still running
            self._present(image, cached)
        else:
            artifacts = self.artifacts
            self._decoding.submit(
                lambda: (image, load_run_image(artifacts, image.path, image.size))
            )
            self._loading_timer.start()
        self._decode_ahead(series)

    def _decode_ahead(self, series: ImageSeries) -> None:
        artifacts = self.artifacts
        if artifacts is None:
            return
        index = self.slider.value()
        for near in (index + 1, index - 1):
            if 0 <= near < len(series.images):
                image = series.images[near]
                if self.cache.get(artifacts, image.path) is None:
                    work = partial(load_run_image, artifacts, image.path, image.size)
                    self._ahead.submit((artifacts, image.path), work)

    def _on_decoded_ahead(self, tag, result) -> None:
        artifacts: RunArtifacts = tag[0]
        path: str = tag[1]
        if artifacts is self.artifacts and result is not None:
            self.cache.put(artifacts, path, result)

    def _on_decoded(self, result) -> None:
        self._loading_timer.stop()
        artifacts = self.artifacts
        if result is None or artifacts is None:
            return
        image: StepImage = result[0]
        shown = result[1]
        self.cache.put(artifacts, image.path, shown)
        if image is self._wanted:
            self._present(image, shown)

    def _on_decode_failed(self, exc: Exception) -> None:
        self._loading_timer.stop()
        self._show_message(self.tr("Cannot show this image"), describe(exc), True)

    def _on_loading_timeout(self) -> None:
        if self._decoding.is_busy() and self.shown is None:
            self._show_message(self.tr("Loading…"), keep_controls=True)

    def _present(self, image: StepImage, result) -> None:
        self._loading_timer.stop()
        self.shown = image
        if isinstance(result, loading.ImageResult):
            self.image.set_image(result.image, result.info, upscale=UPSCALE_LIMIT)
            self.stack.setCurrentWidget(self.image)
        else:
            self._show_message(result.title, result.detail, True)

    def shown_image(self) -> QImage | None:
        """The decoded image on screen (``None`` when a message is shown)."""
        if self.stack.currentWidget() is not self.image:
            return None
        return self.image.current_image

    def _show_message(
        self, title: str, detail: str = "", keep_controls: bool = False
    ) -> None:
        self._loading_timer.stop()
        self.controls.setVisible(keep_controls)
        self.message.show_message(translated(title), translated(detail))
        self.stack.setCurrentWidget(self.message)
