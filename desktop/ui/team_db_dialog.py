"""File ▸ Open team database…: a PostgreSQL or MySQL/MariaDB tracking database
URL and its password, read directly and strictly read-only, and (optionally)
where its artifacts are seen from this computer.

The password stays in memory (and in the system keyring when the user ticks
Remember and a keyring backend exists); the URL that is saved has none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.artifact_places import ArtifactPlaces
from desktop.services.team_db_sign_in import (
    InvalidDbUrl,
    SessionCredentials,
    TeamDbSignIn,
    keyring_available,
    sign_in,
)
from desktop.ui.artifact_places import ArtifactPlacesForm, PlacesInvalid
from desktop.ui.i18n import error_text, translated

PLACEHOLDER = "postgresql://user@host:5432/mlflow"


class TeamDbDialog(QDialog):
    """Where the team database is and how to sign in; :attr:`result_sign_in` is
    set when the user accepted a usable URL."""

    def __init__(
        self,
        url: str = "",
        message: str = "",
        parent: QWidget | None = None,
        *,
        credentials: SessionCredentials,
    ) -> None:
        super().__init__(parent)
        self.credentials = credentials
        self.result_sign_in: TeamDbSignIn | None = None
        self.result_places: ArtifactPlaces | None = None
        self.setObjectName("teamDbDialog")
        self.setWindowTitle(self.tr("Open a team tracking database"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        self.message_label = QLabel(translated(message), self)
        self.message_label.setObjectName("teamDbMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.setVisible(bool(message))
        layout.addWidget(self.message_label)
        intro = QLabel(
            self.tr(
                "The PostgreSQL or MySQL/MariaDB database of a team's MLflow "
                "server, read directly and strictly read-only: a database role "
                "that may only SELECT from MLflow's tables is enough. TLS options "
                "go in the URL (?sslmode=require, ?ssl=true)."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setObjectName("teamDbUrl")
        self.url_edit.setPlaceholderText(PLACEHOLDER)
        form.addRow(self.tr("Database URL:"), self.url_edit)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("teamDbPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            self.tr("empty: the URL's, the keyring's or ~/.pgpass")
        )
        form.addRow(self.tr("Password:"), self.password_edit)
        layout.addLayout(form)
        self.remember_box = QCheckBox(
            self.tr("Remember the password in the system keyring"), self
        )
        self.remember_box.setObjectName("teamDbRemember")
        if not keyring_available():
            self.remember_box.setEnabled(False)
            self.remember_box.setToolTip(
                self.tr(
                    "No system keyring is available: the password is kept until "
                    "mlflow-desktop closes."
                )
            )
        layout.addWidget(self.remember_box)
        places = QGroupBox(self.tr("Artifacts (optional)"), self)
        places.setObjectName("teamDbArtifacts")
        places_layout = QVBoxLayout(places)
        note = QLabel(
            self.tr(
                "Where this computer finds the runs' artifacts when they are on "
                "the server's side: the team's tracking server, or the server's "
                "artifact folder mounted or copied here. Can be changed later: "
                "right-click the database ▸ Artifact locations…"
            ),
            places,
        )
        note.setWordWrap(True)
        places_layout.addWidget(note)
        self.places_form = ArtifactPlacesForm(places)
        places_layout.addWidget(self.places_form)
        layout.addWidget(places)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("teamDbError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if url else self.url_edit).setFocus()

    def accept(self) -> None:
        """Keep the password for this session (no network: the import connects)."""
        try:
            places = self.places_form.places()
        except PlacesInvalid as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        try:
            self.result_sign_in = sign_in(
                self.url_edit.text().strip(),
                self.password_edit.text(),
                remember=self.remember_box.isChecked(),
                session=self.credentials,
            )
        except InvalidDbUrl as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            return
        self.result_places = places
        super().accept()
