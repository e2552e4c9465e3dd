"""Everything the run detail dock shows about one run, loaded in one call."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from desktop.core.records import DatasetInput
from desktop.core.views import RunDetail
from desktop.store import queries
from desktop.store.schema import Experiment, Run, Source


@dataclass(frozen=True, slots=True)
class RunLink:
    """Another run the overview links to (parent or child)."""

    pk: int
    run_id: str
    run_name: str
    status: str


@dataclass(frozen=True, slots=True)
class RunOverview:
    """A run with its experiment, source, family and dataset inputs."""

    detail: RunDetail
    experiment_name: str
    source_location: str
    parent: RunLink | None
    children: list[RunLink]
    datasets: list[DatasetInput]

    @property
    def description(self) -> str:
        """The run's Markdown description (the ``mlflow.note.content`` tag)."""
        return self.detail.tags.get("mlflow.note.content", "")

    @property
    def source_name(self) -> str:
        """The script, notebook or project that produced the run."""
        return self.detail.tags.get("mlflow.source.name", "")

    @property
    def git_commit(self) -> str:
        """The git commit the source was at, if MLflow recorded one."""
        return self.detail.tags.get("mlflow.source.git.commit", "")

    @property
    def user(self) -> str:
        """Who ran it (``user_id``, else the ``mlflow.user`` tag)."""
        user = self.detail.user_id or ""
        if user in ("", "unknown"):
            user = self.detail.tags.get("mlflow.user", user)
        return user


def load_run_overview(conn: Connection, pk: int) -> RunOverview | None:
    """The overview of run ``pk``, or ``None`` when it is no longer in the store."""
    details = queries.run_details(conn, [pk])
    if not details:
        return None
    (detail,) = details
    source_id, experiment_name, location = conn.execute(
        select(Run.source_id, Experiment.name, Source.location)
        .join(Experiment, Experiment.id == Run.experiment_pk)
        .join(Source, Source.id == Run.source_id)
        .where(Run.id == pk)
    ).one()
    link = select(Run.id, Run.run_id, Run.run_name, Run.status).where(
        Run.source_id == source_id
    )
    parent = None
    if detail.parent_run_id:
        row = conn.execute(link.where(Run.run_id == detail.parent_run_id)).first()
        parent = (
            RunLink(*row)
            if row
            else RunLink(-1, detail.parent_run_id, detail.parent_run_id, "")
        )
    children = [
        RunLink(*row)
        for row in conn.execute(
            link.where(Run.parent_run_id == detail.run_id).order_by(
                Run.start_time, Run.run_id
            )
        )
    ]
    return RunOverview(
        detail,
        experiment_name,
        location,
        parent,
        children,
        queries.run_datasets(conn, pk),
    )
