"""File ▸ Connect to server…: the URL, authentication and TLS settings of a
tracking server, with a connection test that runs off the GUI thread.

Passwords and tokens stay in memory (and in the system keyring when the user asks
and a keyring backend exists); nothing secret goes to the settings file.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from desktop.services.server_connection import (
    BASIC,
    NONE,
    TOKEN,
    Connection,
    InvalidServerUrl,
    ServerError,
    SessionCredentials,
    describe_connection,
    environment_url,
    keyring_available,
    load_from_keyring,
    probe_server,
)
from desktop.ui.i18n import describe, error_text, translated
from desktop.ui.workers import LatestOnly

DEFAULT_URL = "http://127.0.0.1:5000"


class ConnectDialog(QDialog):
    """Where and how to connect; :meth:`connection` is the result."""

    def __init__(
        self,
        url: str = "",
        saved: dict[str, object] | None = None,
        message: str = "",
        parent: QWidget | None = None,
        *,
        credentials: SessionCredentials,
    ) -> None:
        super().__init__(parent)
        self.credentials = credentials  # the session the answer is remembered in
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect to a tracking server"))
        self.setMinimumWidth(520)
        self.keyring_ok = keyring_available()
        self._tester = LatestOnly(self)
        self._tester.finished.connect(self._on_tested)
        self._tester.failed.connect(lambda exc: self._on_test_failed(describe(exc)))
        self._build(message)
        self._fill(url or environment_url() or DEFAULT_URL, saved)
        self._update_fields()

    # -- construction -----------------------------------------------------------------
    def _build(self, message: str) -> None:
        self.message_label = QLabel(translated(message), self)
        self.message_label.setObjectName("connectMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.setVisible(bool(message))

        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("serverUrlEdit")
        self.url_edit.setPlaceholderText("https://mlflow.example.com")
        self.auth_combo = QComboBox(self)
        self.auth_combo.setObjectName("authKindCombo")
        self.auth_combo.addItem(self.tr("None"), NONE)
        self.auth_combo.addItem(self.tr("User name and password"), BASIC)
        self.auth_combo.addItem(self.tr("Access token"), TOKEN)
        self.auth_combo.currentIndexChanged.connect(self._update_fields)
        self.username_edit = QLineEdit(self)
        self.username_edit.setObjectName("usernameEdit")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit = QLineEdit(self)
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(self.tr("Remember in the system keyring"), self)
        self.remember_box.setObjectName("rememberKeyringBox")
        self.keyring_note = QLabel(self)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("keyringNote")
        if not self.keyring_ok:
            self.remember_box.setEnabled(False)
            note = self.tr(
                "No system keyring is available, so credentials are kept only "
                "until mlflow-desktop closes; you will be asked again next time."
            )
            self.remember_box.setToolTip(note)
            self.keyring_note.setText(note)
        self.keyring_note.setVisible(not self.keyring_ok)

        self.verify_box = QCheckBox(
            self.tr("Verify the server's TLS certificate"), self
        )
        self.verify_box.setObjectName("verifyTlsBox")
        self.verify_box.setChecked(True)
        self.verify_box.toggled.connect(self._update_fields)
        self.ca_edit = QLineEdit(self)
        self.ca_edit.setObjectName("caBundleEdit")
        self.ca_edit.setPlaceholderText(self.tr("System certificates"))
        self.ca_button = QPushButton(self.tr("Choose…"), self)
        self.ca_button.setObjectName("caBundleButton")
        self.ca_button.clicked.connect(self._choose_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)

        form = QFormLayout()
        form.addRow(self.tr("Server URL:"), self.url_edit)
        form.addRow(self.tr("Authentication:"), self.auth_combo)
        self.username_label = QLabel(self.tr("User name:"), self)
        self.password_label = QLabel(self.tr("Password:"), self)
        self.token_label = QLabel(self.tr("Token:"), self)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow(self.token_label, self.token_edit)
        form.addRow("", self.remember_box)
        form.addRow("", self.keyring_note)
        form.addRow("", self.verify_box)
        form.addRow(self.tr("CA bundle:"), ca_row)

        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test)
        self.test_label = QLabel(self)
        self.test_label.setObjectName("testResultLabel")
        self.test_label.setWordWrap(True)
        self.test_label.setTextFormat(Qt.TextFormat.PlainText)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_label, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Connect")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)

    def _fill(self, url: str, saved: dict[str, object] | None) -> None:
        self.url_edit.setText(url)
        try:
            known = self.credentials.resolve(url, saved)
        except InvalidServerUrl:
            return
        auth = known.auth
        if auth == NONE and saved and saved.get("auth") in (BASIC, TOKEN):
            auth = str(saved["auth"])  # signed in before: ask again for the secret
        self.auth_combo.setCurrentIndex(max(0, self.auth_combo.findData(auth)))
        username = known.username or (saved or {}).get("username")
        self.username_edit.setText(str(username or ""))
        if known.auth == BASIC:
            self.password_edit.setText(known.secret or "")
        elif known.auth == TOKEN:
            self.token_edit.setText(known.secret or "")
        self.verify_box.setChecked(known.verify_tls)
        self.ca_edit.setText(known.ca_bundle or "")
        in_keyring = load_from_keyring(known.url) is not None
        self.remember_box.setChecked(self.keyring_ok and in_keyring)

    def _update_fields(self) -> None:
        auth = self.auth_combo.currentData()
        for widget in (self.username_label, self.username_edit):
            widget.setVisible(auth == BASIC)
        for widget in (self.password_label, self.password_edit):
            widget.setVisible(auth == BASIC)
        for widget in (self.token_label, self.token_edit):
            widget.setVisible(auth == TOKEN)
        self.remember_box.setVisible(auth != NONE)
        self.keyring_note.setVisible(auth != NONE and not self.keyring_ok)
        verify = self.verify_box.isChecked()
        self.ca_edit.setEnabled(verify)
        self.ca_button.setEnabled(verify)

    def _choose_ca_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CA bundle"),
            os.path.dirname(self.ca_edit.text()),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_edit.setText(path)

    # -- result -----------------------------------------------------------------------
    def connection(self) -> Connection:
        """The connection the fields describe (raises ``InvalidServerUrl``)."""
        auth = self.auth_combo.currentData()
        secret = None
        if auth == BASIC:
            secret = self.password_edit.text()
        elif auth == TOKEN:
            secret = self.token_edit.text().strip() or None
        return describe_connection(
            self.url_edit.text().strip(),
            auth,
            self.username_edit.text().strip() or None,
            secret,
            self.verify_box.isChecked(),
            self.ca_edit.text().strip() or None,
        )

    def test(self) -> None:
        """Try the connection in the background and show what the server says."""
        try:
            connection = self.connection()
        except InvalidServerUrl as exc:
            self._show_test(error_text(exc), ok=False)
            return
        self.test_button.setEnabled(False)
        self._show_test(self.tr("Connecting…"), ok=True)
        self._tester.submit(lambda: _probe(connection))

    def _on_tested(self, result: tuple[str | None, int] | str) -> None:
        if isinstance(result, str):  # the server's problem, already translated
            self._on_test_failed(result)
            return
        version, experiments = result
        self.test_button.setEnabled(True)
        text = self.tr("Connected: MLflow {0}, {1} experiments.").format(
            version or self.tr("(version unknown)"), experiments
        )
        self._show_test(text, ok=True)

    def _on_test_failed(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self._show_test(message, ok=False)

    def _show_test(self, text: str, *, ok: bool) -> None:
        self.test_label.setText(text)
        self.test_label.setStyleSheet("" if ok else "color: #b3261e;")

    def accept(self) -> None:
        """Remember the connection for this session (and the keyring if asked)."""
        try:
            connection = self.connection()
        except InvalidServerUrl as exc:
            self.message_label.setText(error_text(exc))
            self.message_label.show()
            return
        wants_keyring = (
            self.remember_box.isChecked()
            and self.remember_box.isEnabled()
            and connection.has_credentials
        )
        self.saved_to_keyring = self.credentials.remember(
            connection, keyring=wants_keyring
        )
        self.keyring_failed = wants_keyring and not self.saved_to_keyring
        super().accept()


def _probe(connection: Connection) -> tuple[str | None, int] | str:
    """The server's version and experiment count, or why it cannot be reached."""
    try:
        return probe_server(connection)
    except ServerError as exc:
        return error_text(exc)
