"""Where a team database's artifacts are seen from this computer: the form (also
part of the team database dialog), its dialog (a source's context menu ▸ Artifact
locations…) and the background reads and writes of the setting.

Nothing here is a credential: signing in to the server that serves the artifacts
works as for any tracking server (the session's sign-in or the keyring).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast
from urllib.parse import urlparse

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.artifact_places import ArtifactPlaces
from desktop.ui.i18n import describe
from desktop.ui.workers import TaggedJobs

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog


class PlacesInvalid(ValueError):
    """What the user typed cannot be used; the message says why (translated)."""


class ArtifactPlacesForm(QWidget):
    """Three fields: the tracking server that serves the artifacts, and a server
    folder with the same folder on this computer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.served_by_edit = QLineEdit(self)
        self.served_by_edit.setObjectName("artifactsServedBy")
        self.served_by_edit.setPlaceholderText("http://mlflow.example.com:5000")
        self.served_by_edit.setToolTip(
            self.tr(
                "The team's MLflow tracking server (mlflow server) on this "
                "database: it lists and sends the artifacts of every run, "
                "including mlflow-artifacts:/ ones."
            )
        )
        form.addRow(self.tr("Artifacts served by:"), self.served_by_edit)
        self.server_root_edit = QLineEdit(self)
        self.server_root_edit.setObjectName("serverArtifactRoot")
        self.server_root_edit.setPlaceholderText("/srv/mlflow/artifacts, ./mlruns")
        self.server_root_edit.setToolTip(
            self.tr(
                "The start of the runs' artifact locations as the server records "
                "them (shown in a run's Artifacts tab)."
            )
        )
        form.addRow(self.tr("Artifact folder on the server:"), self.server_root_edit)
        self.local_root_edit = QLineEdit(self)
        self.local_root_edit.setObjectName("localArtifactRoot")
        self.local_root_edit.setPlaceholderText(
            self.tr("where that folder is mounted or copied here")
        )
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setObjectName("browseArtifactRoot")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.local_root_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("The same folder on this computer:"), row)

    def set_places(self, places: ArtifactPlaces) -> None:
        """Show ``places``."""
        self.served_by_edit.setText(places.served_by or "")
        self.server_root_edit.setText(places.server_root or "")
        self.local_root_edit.setText(places.local_root or "")

    def places(self) -> ArtifactPlaces:
        """What the fields say; :class:`PlacesInvalid` when it cannot be used."""
        served = self.served_by_edit.text().strip()
        server_root = self.server_root_edit.text().strip()
        local_root = self.local_root_edit.text().strip()
        if served:
            parsed = urlparse(served)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise PlacesInvalid(
                    self.tr(
                        "'Artifacts served by' takes the tracking server's address, "
                        "such as http://mlflow.example.com:5000."
                    )
                )
            if parsed.password is not None:
                raise PlacesInvalid(
                    self.tr(
                        "Leave the password out of the server address: "
                        "mlflow-desktop asks for it when the server wants one."
                    )
                )
        if bool(server_root) != bool(local_root):
            raise PlacesInvalid(
                self.tr(
                    "Give both the folder as the server names it and the same "
                    "folder on this computer, or neither."
                )
            )
        return ArtifactPlaces(served or None, server_root or None, local_root or None)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("The server's artifact folder on this computer"),
            self.local_root_edit.text(),
        )
        if folder:
            self.local_root_edit.setText(folder)


class ArtifactPlacesDialog(QDialog):
    """Artifact locations… of one team database."""

    def __init__(
        self, name: str, places: ArtifactPlaces, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("artifactPlacesDialog")
        self.setWindowTitle(self.tr("Artifact locations of {0}").format(name))
        self.setMinimumWidth(620)
        self.result_places: ArtifactPlaces | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A team database records where the server put each run's "
                "artifacts: a folder on the server's computer, or "
                "mlflow-artifacts:/ when the server keeps them itself. Say how "
                "this computer reaches them: through the team's tracking server, "
                "or a folder where the server's artifact folder is mounted or "
                "copied. A folder found here is used first."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = ArtifactPlacesForm(self)
        self.form.set_places(places)
        layout.addWidget(self.form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("artifactPlacesError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Keep what the fields say, unless it cannot be used."""
        try:
            self.result_places = self.form.places()
        except PlacesInvalid as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()


class ArtifactPlacesFlow(QObject):
    """Reads a source's setting, asks in the dialog, writes it: the store is read
    and written on the worker pool, never on the GUI thread."""

    saved = Signal(str)
    """The setting of this location is written (re-import it to use it)."""
    failed = Signal(str)
    """Reading or writing the setting failed: why."""

    def __init__(self, catalog: Catalog, parent: QWidget) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.window = parent
        self.dialog: ArtifactPlacesDialog | None = None
        self._jobs = TaggedJobs(self)
        self._jobs.finished.connect(self._on_done)
        self._jobs.failed.connect(lambda _tag, exc: self.failed.emit(describe(exc)))
        self._pending = 0
        self._jobs.finished.connect(self._count_down)
        self._jobs.failed.connect(self._count_down)

    def edit(self, location: str, name: str) -> None:
        """Open the dialog for the source at ``location`` once its setting is read."""
        catalog = self.catalog

        def read() -> ArtifactPlaces:
            from desktop.services.team_artifacts import places_of

            return places_of(catalog.store, location)

        self._pending += 1
        self._jobs.submit(("read", location, name), read)

    def save(self, location: str, places: ArtifactPlaces) -> None:
        """Write ``places`` for ``location`` in the background; :attr:`saved` then."""
        catalog = self.catalog

        def write() -> None:
            from desktop.services.team_artifacts import set_places

            set_places(catalog.store, location, places)

        self._pending += 1
        self._jobs.submit(("write", location, ""), write)

    def is_busy(self) -> bool:
        """Whether a read or write has not reported back yet."""
        return self._pending > 0

    def _count_down(self, *_args: object) -> None:
        self._pending -= 1

    def _on_done(self, tag: object, result: object) -> None:
        step, location, name = cast("tuple[str, str, str]", tag)
        if step == "write":
            self.saved.emit(location)
            return
        assert isinstance(result, ArtifactPlaces)
        dialog = ArtifactPlacesDialog(name, result, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.save(location, dialog.result_places or ArtifactPlaces())
        )
        self.dialog = dialog
        dialog.open()
