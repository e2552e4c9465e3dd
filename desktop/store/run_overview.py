"""Everything the run detail dock shows about one run, loaded in one call."""

from __future__ import annotations

from sqlalchemy import Connection, select

from desktop.core.views import RunLink, RunMark, RunOverview
from desktop.store import queries
from desktop.store.marks import read_marks
from desktop.store.registry_queries import run_model_versions
from desktop.store.schema import Experiment, Run, Source


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
        run_model_versions(conn, pk),
        read_marks(conn, [pk]).get(pk, RunMark()),
    )
