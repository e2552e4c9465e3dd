"""The read side the screens ask: one façade over the store that owns its connections.

Every method opens a connection, reads, and closes it: callable from any thread
(the UI calls them on its worker pool). The UI holds a :class:`Catalog`, never the
store's engine, and writes no SQL. The module loads SQLAlchemy: the window imports
it once the store is open, after the first paint.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from desktop.core.columns import Column, SortKey, row_load
from desktop.core.gc_tuning import collection_paused
from desktop.core.registry import ModelVersionInfo, RegisteredModelInfo
from desktop.core.row_pages import (
    COPY_CHUNK,
    HistoryKey,
    Keys,
    RowPage,
    RunSearch,
    page_bounds,
    page_runs,
)
from desktop.core.run_groups import RunGroup, group_runs
from desktop.core.run_tree import AS_SHOWN_FIRST, Folding, RunTree, build_run_tree
from desktop.core.search import Expr
from desktop.core.views import (
    ExperimentInfo,
    History,
    RunOverview,
    RunScope,
    SourceInfo,
)
from desktop.services.remote_artifacts import ServerClients
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.store import queries, registry_queries
from desktop.store.database import Store
from desktop.store.group_reads import group_values, metric_values
from desktop.store.peek import SIGNATURE_SQL
from desktop.store.run_overview import load_run_overview
from desktop.store.run_query import (
    count_hidden,
    count_runs,
    parent_links,
    search_run_pks,
)
from desktop.store.store_info import experiments_key

if TYPE_CHECKING:  # loaded by the screens that show them
    from desktop.analysis.run_set import RunSet
    from desktop.services.run_artifacts import RunArtifacts


def read_row_page(
    conn: Connection,
    pks: Sequence[int],
    columns: Sequence[Column],
    known: frozenset[str] = frozenset(),
) -> RowPage:
    """:meth:`Catalog.row_page` on an open connection (for benchmarks and
    :meth:`Catalog.search`, which read more in the same transaction)."""
    load = row_load(columns)
    rows = queries.run_rows(
        conn,
        pks,
        load.params,
        load.metrics,
        load.tags,
        datasets=load.datasets,
        marks=True,  # hidden runs are dimmed, menus say Star or Unstar
    )
    parents = {
        r.parent_run_id
        for r in rows.values()
        if r.parent_run_id and r.parent_run_id not in known
    }
    return RowPage(rows, queries.run_names(conn, parents) if parents else {})


def _grouped(
    conn: Connection,
    scope: RunScope,
    pks: list[int],
    sort: SortKey | None,
    columns: Sequence[Column],
    group_by: tuple[Column, ...],
) -> tuple[RunTree, dict[int, RunGroup]]:
    """The runs ``pks`` under groups by ``group_by``, sorted as ``sort`` asks."""
    keys = [group_values(conn, scope, column) for column in group_by]
    metrics = metric_values(conn, scope, columns)
    sort_metric = None
    if sort is not None and sort.kind == "metric":
        sorted_column = Column("metric", sort.key, sort.metric_field)
        sort_metric = sorted_column.id
        if sort_metric not in metrics:
            metrics.update(metric_values(conn, scope, [sorted_column]))
    descending = sort.descending if sort is not None else False
    return group_runs(pks, keys, metrics, sort_metric, descending)


class Catalog:
    """What the screens read from one open store (sources, experiments, keys,
    searches, row pages, run overviews, run sets, histories, artifacts)."""

    def __init__(self, store: Store, session: SessionCredentials | None = None) -> None:
        #: The open store, handed on (not read) to imports and live refresh.
        self.store = store
        #: The session whose sign-ins reach tracking servers (artifact listings,
        #: live refresh); default: a new session, never signed in.
        self.session = session if session is not None else SessionCredentials()
        #: The clients artifact listings and downloads use, signed in with it.
        self.server_clients = ServerClients(self.session)

    def signature(self) -> str:
        """The store's data at a glance (see :data:`SIGNATURE_SQL`): it changes
        with every import, refresh and removal."""
        with self.store.engine.connect() as conn:
            return str(conn.exec_driver_sql(SIGNATURE_SQL).scalar())

    # -- tree ------------------------------------------------------------------
    def sources(self) -> list[SourceInfo]:
        """Every source in the store."""
        with self.store.engine.connect() as conn:
            return queries.list_sources(conn)

    def sources_and_experiments(
        self,
    ) -> tuple[list[SourceInfo], list[ExperimentInfo]]:
        """Sources and their experiments with run counts, read together."""
        with self.store.engine.connect() as conn:
            return queries.list_sources(conn), queries.list_experiments(conn)

    # -- runs table --------------------------------------------------------------
    def experiment_keys(self, experiment_pks: Sequence[int]) -> Keys:
        """Param, metric and tag keys used in some experiments, with run counts."""
        with self.store.engine.connect() as conn:
            return queries.experiment_keys(conn, experiment_pks)

    def columns_of(self, experiment_pks: Sequence[int]) -> tuple[str, Keys]:
        """A stable key for a set of experiments (what its layout is saved under,
        unlike row ids it survives a re-import) and :meth:`experiment_keys`: what
        the runs table needs before it shows a selection's columns."""
        with self.store.engine.connect() as conn:
            return (
                experiments_key(conn, experiment_pks),
                queries.experiment_keys(conn, experiment_pks),
            )

    def row_page(
        self,
        pks: Sequence[int],
        columns: Sequence[Column],
        known_parents: frozenset[str] = frozenset(),
    ) -> RowPage:
        """Rows of runs ``pks`` with the values ``columns`` show; the parent run
        names are those not in ``known_parents``."""
        with self.store.engine.connect() as conn:
            return read_row_page(conn, pks, columns, known_parents)

    def search(
        self,
        scope: RunScope,
        expr: Expr | None,
        sort: SortKey | None,
        columns: Sequence[Column],
        first_row: int = 0,
        known_parents: frozenset[str] = frozenset(),
        nested: bool = False,
        folding: Folding = AS_SHOWN_FIRST,
        group_by: tuple[Column, ...] = (),
    ) -> RunSearch:
        """The runs in ``scope`` matching ``expr`` in ``sort`` order, with the page
        around ``first_row`` read with ``columns``. ``nested``: with their tree
        (children under their parents, shown as ``folding`` says); ``group_by``:
        under groups by these columns instead, with the metric ``columns``
        summed up per group. Runs the user hid are counted, and left out unless
        ``scope.include_hidden``."""
        groups = None
        tree: RunTree | None = None
        with self.store.engine.connect() as conn:
            pks = search_run_pks(conn, scope, expr, sort)
            total = count_runs(conn, scope)
            hidden = count_hidden(conn, scope)
            if not scope.include_hidden:
                total -= hidden
            if group_by:
                tree, groups = _grouped(conn, scope, pks, sort, columns, group_by)
            elif nested:
                tree = build_run_tree(pks, parent_links(conn, scope))
            shown = pks if tree is None else tree.visible(folding)
            start, end = page_bounds(first_row, len(shown))
            wanted = page_runs(shown[start:end], tree)
            page = read_row_page(conn, wanted, columns, known_parents)
        return RunSearch(pks, total, page, tree, groups, hidden)

    def rows_as_text(
        self,
        pks: Sequence[int],
        columns: Sequence[Column],
        titles: Sequence[str],
        parents: Mapping[str, str],
        cancel: threading.Event | None = None,
    ) -> str:
        """Tab-separated cells of runs ``pks`` (in that order) under a header line,
        as the runs table shows them. Raises :class:`CopyCancelled` when
        ``cancel`` is set."""
        lines = ["\t".join(titles)]
        names = dict(parents)
        # Rows hold no reference cycles: collections would stall the GUI thread for
        # nothing (they hold the interpreter lock while they walk every object).
        with collection_paused(), self.store.engine.connect() as conn:
            for start in range(0, len(pks), COPY_CHUNK):
                if cancel is not None and cancel.is_set():
                    raise CopyCancelled
                chunk = pks[start : start + COPY_CHUNK]
                page = read_row_page(conn, chunk, columns, frozenset(names))
                names.update(page.parents)
                lines.extend(
                    "\t".join(
                        column.spec.text(column, page.rows[pk], names)
                        for column in columns
                    )
                    for pk in chunk
                    if pk in page.rows
                )
        return "\n".join(lines)

    # -- one run -------------------------------------------------------------------
    def run_overview(self, pk: int) -> RunOverview | None:
        """Everything the run details show about run ``pk`` (``None``: gone)."""
        with self.store.engine.connect() as conn:
            return load_run_overview(conn, pk)

    def metric_histories(self, pk: int, keys: Sequence[str]) -> dict[str, History]:
        """Full histories of run ``pk``'s metrics ``keys``, in that order (absent
        keys are left out)."""
        with self.store.engine.connect() as conn:
            found = queries.metric_histories(conn, pk, keys)
        return {k: found[k] for k in keys if k in found}

    def run_artifacts(self, pk: int) -> RunArtifacts | None:
        """Where run ``pk``'s artifacts are, with their top level listed
        (``None``: the run is gone)."""
        from desktop.services.run_artifacts import load_run_artifacts

        with self.store.engine.connect() as conn:
            return load_run_artifacts(conn, pk, self.server_clients)

    # -- compare -------------------------------------------------------------------
    def run_set(self, pks: Sequence[int]) -> RunSet:
        """The runs to compare, with experiment and source names."""
        from desktop.analysis.run_set import RunSet

        with self.store.engine.connect() as conn:
            runs = queries.run_details(conn, pks)
            origins = queries.run_origins(conn, [r.pk for r in runs])
        experiments = {
            r.experiment_pk: origins[r.pk][0] for r in runs if r.pk in origins
        }
        sources = {pk: source for pk, (_, source) in origins.items()}
        return RunSet(runs, experiments, sources)

    def histories_of_runs(
        self, pks: Sequence[int], keys: Sequence[str]
    ) -> dict[HistoryKey, History]:
        """Full histories of ``keys`` for runs ``pks``; absent pairs are left out."""
        with self.store.engine.connect() as conn:
            found = queries.metric_histories_of_runs(conn, pks, keys)
        return {
            (pk, key): history
            for pk, histories in found.items()
            for key, history in histories.items()
        }

    def params_with_metric(
        self, experiment_pks: Sequence[int], metric: str
    ) -> tuple[list[dict[str, str]], list[float]]:
        """Params and the value of ``metric`` of every active run of some
        experiments that logged it."""
        with self.store.engine.connect() as conn:
            return queries.params_with_metric(conn, experiment_pks, metric)

    # -- model registry ------------------------------------------------------------
    def registered_models(
        self, source_id: int | None = None
    ) -> list[RegisteredModelInfo]:
        """Registered models (of one source, or of all) by name, each with its
        latest version, tags and aliases."""
        with self.store.engine.connect() as conn:
            return registry_queries.registered_models(conn, source_id)

    def model_versions(self, source_id: int, name: str) -> list[ModelVersionInfo]:
        """The versions of one registered model, newest first, with the runs that
        produced them (when those are in the store)."""
        with self.store.engine.connect() as conn:
            return registry_queries.model_versions(conn, source_id, name)

    def run_model_versions(self, pk: int) -> list[ModelVersionInfo]:
        """The model versions registered from run ``pk``."""
        with self.store.engine.connect() as conn:
            return registry_queries.run_model_versions(conn, pk)

    # -- sources -------------------------------------------------------------------
    def server_options(self, location: str) -> dict[str, object] | None:
        """The connection settings saved for a tracking server (``None``: none)."""
        from desktop.store.server_connections import load_options

        with self.store.begin() as conn:
            return load_options(conn, location)


class CopyCancelled(Exception):
    """A newer copy replaced this one."""
