"""The overview tab: a run's facts, family, dataset inputs and description."""

from __future__ import annotations

import html
import urllib.parse

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.durations import run_duration_ms
from desktop.core.formatting import format_duration, format_time
from desktop.core.registry import ModelVersionInfo
from desktop.core.views import RunLink, RunOverview
from desktop.ui.detail.dataset_view import DatasetInputsView
from desktop.ui.detail.description_view import DescriptionView
from desktop.ui.detail.path_label import PathLabel
from desktop.ui.icons import STATUS_COLORS

MAX_CHILD_LINKS = 50


class OverviewPage(QScrollArea):
    """Facts about one run; parent and child runs are links."""

    run_link_activated = Signal(int)
    """A parent/child link was clicked; the payload is that run's pk."""
    model_link_activated = Signal(int, str, int)
    """A registered model version was clicked: source id, model name, version."""
    star_requested = Signal(bool)
    """The user starred (True) or unstarred the run."""
    note_requested = Signal()
    """The user wants to edit the run's note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.form = QFormLayout()
        # Wrapped labels (source, artifact location) must take the full width,
        # not their narrow size hint, or their second line is cut off.
        self.form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}  # artifacts: a PathLabel
        names = {
            "name": self.tr("Run name"),
            "run_id": self.tr("Run ID"),
            "experiment": self.tr("Experiment"),
            "status": self.tr("Status"),
            "start": self.tr("Started"),
            "end": self.tr("Ended"),
            "duration": self.tr("Duration"),
            "user": self.tr("User"),
            "source": self.tr("Source"),
            "commit": self.tr("Git commit"),
            "parent": self.tr("Parent run"),
            "children": self.tr("Child runs"),
            "models": self.tr("Registered as"),
            "artifacts": self.tr("Artifact location"),
            "note": self.tr("Note"),
        }
        for key, title in names.items():
            label = PathLabel(self) if key == "artifacts" else QLabel(self)
            label.setObjectName(f"overview_{key}")
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
            )
            label.setWordWrap(key in ("source", "children", "artifacts", "name"))
            if key in ("source", "artifacts"):
                # A long path without break points must not widen the page (and
                # push the Copy button out of the dock): it is clipped, whole in
                # its tooltip.
                label.setSizePolicy(
                    QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
                )
            label.setWordWrap(key in ("source", "children", "name", "models", "note"))
            label.linkActivated.connect(self._on_link)
            self.fields[key] = label
            if key == "name":
                row = QHBoxLayout()
                row.addWidget(label, 1)
                self.star_button = QToolButton(self)
                self.star_button.setObjectName("overviewStarButton")
                self.star_button.setCheckable(True)
                self.star_button.setAutoRaise(True)
                self.star_button.clicked.connect(self.star_requested)
                row.addWidget(self.star_button, 0, Qt.AlignmentFlag.AlignTop)
                self.form.addRow(title, row)
            elif key == "note":
                row = QHBoxLayout()
                row.addWidget(label, 1)
                self.note_button = QToolButton(self)
                self.note_button.setObjectName("overviewNoteButton")
                self.note_button.setText(self.tr("Edit…"))
                self.note_button.setToolTip(
                    self.tr("Your note on this run, kept in this app's store")
                )
                self.note_button.clicked.connect(self.note_requested)
                row.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignTop)
                self.form.addRow(title, row)
            elif key == "run_id":
                row = QHBoxLayout()
                row.addWidget(label, 1)
                self.copy_id_button = QToolButton(self)
                self.copy_id_button.setObjectName("copyRunIdButton")
                self.copy_id_button.setText(self.tr("Copy"))
                self.copy_id_button.setToolTip(self.tr("Copy the run ID"))
                self.copy_id_button.clicked.connect(self._copy_run_id)
                row.addWidget(self.copy_id_button)
                self.form.addRow(title, row)
            else:
                self.form.addRow(title, label)

        self.datasets_title = QLabel(
            "<b>{}</b>".format(self.tr("Dataset inputs")), self
        )
        self.datasets = DatasetInputsView(self)
        self.description_title = QLabel(
            "<b>{}</b>".format(self.tr("Description")), self
        )
        self.description = DescriptionView(self)

        layout = QVBoxLayout(body)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.datasets_title)
        layout.addWidget(self.datasets)
        layout.addWidget(self.description_title)
        layout.addWidget(self.description, 1)
        self.setWidget(body)
        self._run_id = ""

    def show_overview(self, overview: RunOverview) -> None:
        """Fill every field from ``overview``."""
        d = overview.detail
        self._run_id = d.run_id
        f = self.fields
        name = f"<b>{html.escape(d.run_name or d.run_id)}</b>"
        if overview.mark.hidden:
            name += html.escape(self.tr(" · hidden"))
        f["name"].setText(name)
        starred = overview.mark.starred
        self.star_button.setChecked(starred)
        self.star_button.setText("★" if starred else "☆")
        self.star_button.setStyleSheet("color: #e0a800;" if starred else "")
        self.star_button.setToolTip(
            self.tr("Starred: click to unstar") if starred else self.tr("Star this run")
        )
        note = overview.mark.note
        f["note"].setText(html.escape(note).replace("\n", "<br>") if note else "—")
        f["run_id"].setText(f"<code>{d.run_id}</code>")
        f["experiment"].setText(
            html.escape(
                self.tr("{0} (id {1})").format(
                    overview.experiment_name, d.experiment_id
                )
            )
        )
        color = STATUS_COLORS.get(d.status, "#555")
        status = f"<span style='color:{color}'>●</span> {html.escape(d.status)}"
        if d.lifecycle_stage == "deleted":
            status += html.escape(self.tr(" · deleted"))
        f["status"].setText(status)
        f["start"].setText(format_time(d.start_time))
        if d.end_time:
            f["end"].setText(format_time(d.end_time))
        else:
            f["end"].setText(
                self.tr("(still running)") if d.status == "RUNNING" else "—"
            )
        elapsed = run_duration_ms(d.start_time, d.end_time, d.status)
        f["duration"].setText("—" if elapsed is None else format_duration(0, elapsed))
        f["user"].setText(html.escape(overview.user) or "—")
        source = overview.source_name
        kind = d.tags.get("mlflow.source.type", "")
        f["source"].setText(
            html.escape(f"{source} ({kind})" if source and kind else source) or "—"
        )
        commit = overview.git_commit
        branch = d.tags.get("mlflow.source.git.branch", "")
        f["commit"].setText(
            html.escape(f"{commit[:12]} ({branch})" if branch else commit[:12]) or "—"
        )
        f["commit"].setToolTip(commit)
        f["parent"].setText(_link(overview.parent) if overview.parent else "—")
        children = overview.children
        links = ", ".join(_link(c) for c in children[:MAX_CHILD_LINKS])
        if len(children) > MAX_CHILD_LINKS:
            links += self.tr(" and {0} more").format(len(children) - MAX_CHILD_LINKS)
        f["children"].setText(links or "—")
        versions = overview.model_versions
        f["models"].setText(", ".join(_version_link(v) for v in versions))
        f["models"].setToolTip(
            self.tr("Model versions registered from this run (model registry)")
        )
        self.form.setRowVisible(f["models"], bool(versions))
        f["artifacts"].set_path(d.artifact_root or d.artifact_uri or "—")  # type: ignore[attr-defined]

        self.datasets.set_datasets(overview.datasets)
        self.datasets_title.setVisible(bool(overview.datasets))

        self.description.show_description(overview.description, d.artifact_root)

    def field_text(self, key: str) -> str:
        """The plain text a field shows (for tests and accessibility)."""
        text = QTextDocument()
        text.setHtml(self.fields[key].text())
        return text.toPlainText()

    def _copy_run_id(self) -> None:
        QGuiApplication.clipboard().setText(self._run_id)

    def _on_link(self, target: str) -> None:
        if target.startswith("run:"):
            self.run_link_activated.emit(int(target[4:]))
        elif target.startswith("model:"):
            source_id, version, name = target[6:].split(":", 2)
            self.model_link_activated.emit(
                int(source_id), urllib.parse.unquote(name), int(version)
            )


def _link(run: RunLink) -> str:
    name = html.escape(run.run_name or run.run_id)
    if run.pk < 0:
        note = QCoreApplication.translate("OverviewPage", "(not imported)")
        return f"{name} {html.escape(note)}"
    return f"<a href='run:{run.pk}'>{name}</a>"


def _version_link(version: ModelVersionInfo) -> str:
    """``churn-model v3 (champion)``, a link to the version in the registry."""
    text = QCoreApplication.translate("OverviewPage", "{0} v{1}").format(
        version.model_name, version.version
    )
    if version.aliases:
        text += " ({})".format(", ".join(version.aliases))
    elif version.has_stage:
        text += f" ({version.stage})"
    name = urllib.parse.quote(version.model_name, safe="")
    target = f"model:{version.source_id}:{version.version}:{name}"
    return f"<a href='{target}'>{html.escape(text)}</a>"
