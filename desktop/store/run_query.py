"""Filter and sort runs: the search grammar over the store.

Semantics follow MLflow's search (mlflow-formats.md §5.3): a clause on a missing
metric, param or tag is false (only ``IS NULL`` matches absence), a NaN latest metric
matches only ``!=``, ``LIKE`` is case-sensitive and ``ILIKE`` is not. Sorting puts
missing values last in both directions and breaks ties by start time (newest first)
then run id, as MLflow does.

A search reads columns, not rows, so that 100,000 runs take a fraction of a second.
One index scan gives the scope's run ids in the default order, with the attribute,
tag and dataset clauses of the filter applied in SQL. Each metric or param clause
becomes the set of runs it matches, read by one range scan of that key's index, and
applies as a numpy mask; a metric or param sort reads the key's values in index
order and reorders the ids with a stable numpy sort, so ties keep the default order.
Attribute and tag sorts, and keys whose index holds far more rows than the scope
has runs (a small experiment in a big store), stay in SQL with a lookup per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from desktop.core.columns import SortKey
from desktop.core.search import BoolOp, Comparison, Expr
from desktop.core.views import RunScope
from desktop.store.array_reads import ArrayReader, IdIndex, read_snapshot
from desktop.store.marks import hidden_run_pks, marked
from desktop.store.schema import (
    Experiment,
    ExperimentKey,
    MetricSummary,
    Param,
    Run,
    RunDataset,
    RunMark,
    Source,
    Tag,
)

METRIC_FIELDS = {"latest": "latest_value", "min": "min_value", "max": "max_value"}
# Metric and param values have indexes led by the key (migration 0003).
KEY_INDEXED = {"metric": MetricSummary, "param": Param}
# Reading a key's index range costs about this many rows per lookup of one run.
KEY_SCAN_ROWS_PER_LOOKUP = 4
ATTRIBUTE_COLUMNS = {
    "run_id": Run.run_id,
    "run_name": Run.run_name,
    "status": Run.status,
    "user_id": Run.user_id,
    "artifact_uri": Run.artifact_uri,
    "start_time": Run.start_time,
    "end_time": Run.end_time,
    "lifecycle_stage": Run.lifecycle_stage,
}

# Sorted as people read them: "alpha" before "Beta".
TEXT_ATTRIBUTES = frozenset({"run_name", "experiment_name", "user_id"})


def _like_to_glob(pattern: str) -> str:
    """A case-sensitive SQLite GLOB equivalent of a LIKE pattern."""
    out = []
    for char in pattern:
        if char == "%":
            out.append("*")
        elif char == "_":
            out.append("?")
        elif char in "*?[]":
            out.append(f"[{char}]")
        else:
            out.append(char)
    return "".join(out)


def _compare_text(column: ColumnElement, op: str, value: str) -> ColumnElement:
    if op == "=":
        return column == value
    if op == "!=":
        return column != value
    if op == "LIKE":
        return column.op("GLOB")(_like_to_glob(value))
    if op == "ILIKE":
        return func.lower(column).like(func.lower(literal(value)))
    if op == "CONTAINS":
        return func.instr(func.lower(column), func.lower(literal(value))) > 0
    raise ValueError(op)


def _compare_number(column: ColumnElement, op: str, value: float) -> ColumnElement:
    return {
        "=": column == value,
        "!=": column != value,
        "<": column < value,
        "<=": column <= value,
        ">": column > value,
        ">=": column >= value,
    }[op]


def _metric_condition(m: type[MetricSummary], c: Comparison) -> ColumnElement[bool]:
    """A metric clause on one summary row; a NaN latest value matches only ``!=``."""
    assert isinstance(c.value, float)
    if c.op == "!=":
        return or_(m.latest_is_nan, m.latest_value != c.value)
    return _compare_number(m.latest_value, c.op, c.value)


def compile_filter(expr: Expr) -> ColumnElement[bool]:
    """An SQL condition on ``runs`` for a parsed filter."""
    if isinstance(expr, BoolOp):
        parts = [compile_filter(item) for item in expr.items]
        return and_(*parts) if expr.op == "AND" else or_(*parts)
    return _compile_comparison(expr)


def _compile_comparison(c: Comparison) -> ColumnElement[bool]:
    if c.kind == "attribute":
        column = ATTRIBUTE_COLUMNS[c.key]
        if c.op in ("IN", "NOT IN"):
            assert isinstance(c.value, tuple)
            inside = column.in_(list(c.value))
            return inside if c.op == "IN" else not_(inside)
        if isinstance(c.value, float):
            return and_(column.is_not(None), _compare_number(column, c.op, c.value))
        assert isinstance(c.value, str)
        return _compare_text(column, c.op, c.value)
    if c.kind == "metric":
        m = aliased(MetricSummary)
        cond = _metric_condition(m, c)
        return exists().where(m.run_pk == Run.id, m.key == c.key, cond)
    if c.kind in ("param", "tag"):
        table = aliased(Param if c.kind == "param" else Tag)
        present = exists().where(table.run_pk == Run.id, table.key == c.key)
        if c.op == "IS NULL":
            return not_(present)
        if c.op == "IS NOT NULL":
            return present
        assert isinstance(c.value, str)
        return exists().where(
            table.run_pk == Run.id,
            table.key == c.key,
            _compare_text(table.value, c.op, c.value),
        )
    if c.kind == "dataset":
        d = aliased(RunDataset)
        column = (
            func.json_extract(d.tags_json, '$."mlflow.data.context"')
            if c.key == "context"
            else getattr(d, c.key)
        )
        if c.op in ("IN", "NOT IN"):
            assert isinstance(c.value, tuple)
            cond = column.in_(list(c.value))
            if c.op == "NOT IN":
                cond = not_(cond)
        else:
            assert isinstance(c.value, str)
            cond = _compare_text(column, c.op, c.value)
        return exists().where(d.run_pk == Run.id, cond)
    if c.kind == "local":
        return _local_condition(c)
    raise ValueError(c.kind)


def _local_condition(c: Comparison) -> ColumnElement[bool]:
    """A clause on the user's marks (``local.starred``, ``.hidden``, ``.note``);
    a run without a note matches only ``IS NULL``."""
    if c.key in ("starred", "hidden"):
        has = marked(lambda m: getattr(m, c.key))
        wanted = (c.value == "true") == (c.op == "=")
        return has if wanted else not_(has)
    if c.op in ("IS NULL", "IS NOT NULL"):
        noted = marked(lambda m: m.note.is_not(None))
        return noted if c.op == "IS NOT NULL" else not_(noted)
    assert isinstance(c.value, str)
    value = c.value
    return marked(lambda m: _compare_text(m.note, c.op, value))


def search_run_pks(
    conn: Connection,
    scope: RunScope,
    expr: Expr | None = None,
    sort: SortKey | None = None,
) -> list[int]:
    """Row ids of the runs in ``scope`` matching ``expr``, in ``sort`` order."""
    if not scope.experiment_pks:
        return []
    clauses = list(expr.items if isinstance(expr, BoolOp) and expr.op == "AND" else ())
    if expr is not None and not clauses:
        clauses = [expr]
    with read_snapshot(conn) as reader:
        search = _ColumnSearch(reader, scope)
        masks = [c for c in clauses if search.reads_key_index(c)]
        search.conditions = [compile_filter(c) for c in clauses if c not in masks]
        by_values = sort is not None and search.sorts_by_key_index(sort)
        pks = reader.ids(search.runs(None if by_values else sort))
        if masks and len(pks):
            pks = pks[reduce(np.logical_and, (search.mask(c, pks) for c in masks))]
        if by_values and len(pks):
            assert sort is not None
            pks = search.sorted_by_values(pks, sort)
        if not scope.include_hidden and len(pks):
            hidden = np.array(hidden_run_pks(reader.rows, scope), dtype=np.int64)
            if len(hidden):
                pks = pks[~search.has(pks, hidden)]
    return pks.tolist()


def in_scope(query: Select, scope: RunScope) -> Select:
    """``query`` (over ``runs``) kept to the runs of ``scope``: its experiments,
    active unless deleted ones are included, top-level only if asked."""
    query = query.where(Run.experiment_pk.in_(scope.experiment_pks))
    if not scope.include_deleted:
        query = query.where(Run.lifecycle_stage == "active")
    if scope.top_level_only:
        query = query.where(Run.parent_run_id.is_(None))
    return query


def _scope_query(scope: RunScope, sort: SortKey | None = None) -> Select:
    """Ids of the runs in scope, in ``sort`` order then the default order.

    In the default order, a scope of one experiment reads ``ix_runs_scope_order``
    with no sort.
    """
    query = in_scope(select(Run.id), scope)
    order: list[ColumnElement] = []
    if sort is not None:
        query, order = _sort_order(query, sort)
    return query.order_by(*order, Run.start_time.desc(), Run.run_id.asc())


@dataclass
class _ColumnSearch:
    """Metric and param clauses and sorts read from the key indexes, over an array
    of run ids; ``conditions`` are the clauses evaluated in SQL instead."""

    reader: ArrayReader
    scope: RunScope
    conditions: list[ColumnElement[bool]] = field(default_factory=list)
    _scope_size: int | None = None
    _key_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    _index: tuple[np.ndarray, IdIndex] | None = None

    def runs(self, sort: SortKey | None = None) -> Select:
        """Ids of the runs in scope meeting the SQL conditions, in ``sort`` order."""
        return _scope_query(self.scope, sort).where(*self.conditions)

    def reads_key_index(self, expr: Expr) -> bool:
        """Whether a clause has a metric or param comparison better read from the
        key's index (then it is evaluated as a mask, else in SQL)."""
        if isinstance(expr, BoolOp):
            return any(self.reads_key_index(item) for item in expr.items)
        return expr.kind in KEY_INDEXED and self._key_scan_pays(expr.kind, expr.key)

    def sorts_by_key_index(self, sort: SortKey) -> bool:
        """Whether to sort with values read from the key's index (else in SQL)."""
        return sort.kind in KEY_INDEXED and self._key_scan_pays(sort.kind, sort.key)

    def positions(self, pks: np.ndarray, wanted: np.ndarray) -> np.ndarray:
        """For each of ``wanted``, its index in ``pks`` or -1."""
        if self._index is None or self._index[0] is not pks:
            self._index = (pks, IdIndex(pks))
        return self._index[1].positions(wanted)

    def mask(self, expr: Expr, pks: np.ndarray) -> np.ndarray:
        """Which of ``pks`` match ``expr``."""
        if isinstance(expr, BoolOp):
            combine = np.logical_and if expr.op == "AND" else np.logical_or
            return reduce(combine, (self.mask(item, pks) for item in expr.items))
        if not self.reads_key_index(expr):  # within an OR of key-index clauses
            query = self.runs().where(_compile_comparison(expr)).order_by(None)
            return self.has(pks, self.reader.ids(query))
        table = KEY_INDEXED[expr.kind]
        query = select(table.run_pk).where(table.key == expr.key)
        if expr.kind == "metric":
            query = query.where(_metric_condition(MetricSummary, expr))
        elif expr.op not in ("IS NULL", "IS NOT NULL"):
            assert isinstance(expr.value, str)
            query = query.where(_compare_text(Param.value, expr.op, expr.value))
        found = self.has(pks, self.reader.ids(query))
        return ~found if expr.op == "IS NULL" else found

    def has(self, pks: np.ndarray, found: np.ndarray) -> np.ndarray:
        """Which of ``pks`` are in ``found``."""
        mask = np.zeros(len(pks), dtype=bool)
        at = self.positions(pks, found)
        mask[at[at >= 0]] = True
        return mask

    def _key_scan_pays(self, kind: str, key: str) -> bool:
        """Whether reading all of a key's rows beats a lookup per run in scope."""
        if self._scope_size is None:
            count = _scope_query(self.scope).with_only_columns(func.count())
            self._scope_size = int(self.reader.rows(count.order_by(None))[0][0])
        if (kind, key) not in self._key_rows:
            query = select(func.coalesce(func.sum(ExperimentKey.runs), 0)).where(
                ExperimentKey.kind == kind, ExperimentKey.key == key
            )
            self._key_rows[kind, key] = int(self.reader.rows(query)[0][0])
        return self._key_rows[kind, key] <= KEY_SCAN_ROWS_PER_LOOKUP * self._scope_size

    # -- sorting -----------------------------------------------------------------------
    def sorted_by_values(self, pks: np.ndarray, sort: SortKey) -> np.ndarray:
        """``pks`` (in the default order) sorted by a metric or param.

        Runs without a value go last; ties keep their order in ``pks``.
        """
        found, keys = self._sort_keys(sort)
        at = self.positions(pks, found)
        aligned = np.full(len(pks), np.nan)  # NaN (no value) sorts last
        aligned[at[at >= 0]] = keys[at >= 0]
        return pks[np.argsort(aligned, kind="stable")]

    def _sort_keys(self, sort: SortKey) -> tuple[np.ndarray, np.ndarray]:
        """Run ids with a value and their sort keys, read from the key's index."""
        if sort.kind == "metric" and sort.metric_field != "latest":
            value = getattr(MetricSummary, METRIC_FIELDS[sort.metric_field])
            query = select(MetricSummary.run_pk, value).where(
                MetricSummary.key == sort.key, value.is_not(None)
            )
            found, numbers = self.reader.ids_and_numbers(query)
            return found, -numbers if sort.descending else numbers
        # The index holds the values in order: SQLite reads the ids in that order
        # (its text collation is the search's), and the number of runs of each
        # distinct value turns the order into ranks.
        if sort.kind == "metric":
            values = [MetricSummary.latest_value]
            query = select(MetricSummary.run_pk).where(
                MetricSummary.key == sort.key, MetricSummary.latest_value.is_not(None)
            )
        else:
            values = [Param.value_num, Param.value]
            query = select(Param.run_pk).where(Param.key == sort.key)
        found = self.reader.ids(query.order_by(*values))
        distinct = query.with_only_columns(*values).distinct().subquery()
        [(groups,)] = self.reader.rows(select(func.count()).select_from(distinct))
        if groups == len(found):  # no ties (a continuous metric, say)
            ranks = np.arange(groups)
        else:
            counts = self.reader.ids(
                query.with_only_columns(func.count())
                .group_by(*values)
                .order_by(*values)
            )
            ranks = np.repeat(np.arange(groups), counts)
        if sort.descending:
            ranks = groups - 1 - ranks
        if sort.kind == "param":  # values without a number (first in SQL) go last
            [(texts,)] = self.reader.rows(
                query.with_only_columns(func.count()).where(Param.value_num.is_(None))
            )
            ranks[:texts] += groups
        return found, ranks.astype(np.float64)


def _directed(column: ColumnElement, descending: bool) -> ColumnElement:
    return column.desc() if descending else column.asc()


def _attribute_order(query: Select, sort: SortKey) -> tuple[Select, list]:
    if sort.key == "duration":
        value = Run.end_time - Run.start_time
    elif sort.key == "experiment_name":
        query = query.join(Experiment, Experiment.id == Run.experiment_pk)
        value = Experiment.name
    elif sort.key == "parent_run_id":
        value = Run.parent_run_id
    else:
        value = ATTRIBUTE_COLUMNS[sort.key]
    ordered = value.collate("NOCASE") if sort.key in TEXT_ATTRIBUTES else value
    return query, [value.is_(None), _directed(ordered, sort.descending)]


def _metric_order(query: Select, sort: SortKey) -> tuple[Select, list]:
    m = aliased(MetricSummary)
    query = query.outerjoin(m, and_(m.run_pk == Run.id, m.key == sort.key))
    value = getattr(m, METRIC_FIELDS[sort.metric_field])
    return query, [value.is_(None), _directed(value, sort.descending)]


def _key_value_order(query: Select, sort: SortKey) -> tuple[Select, list]:
    table = aliased(Param if sort.kind == "param" else Tag)
    query = query.outerjoin(table, and_(table.run_pk == Run.id, table.key == sort.key))
    order = [table.value.is_(None)]
    if sort.kind == "param":  # numbers first, numerically (9 < 10), then text
        order += [
            table.value_num.is_(None),
            _directed(table.value_num, sort.descending),
        ]
    return query, [*order, _directed(table.value, sort.descending)]


def _dataset_order(query: Select, sort: SortKey) -> tuple[Select, list]:
    """By the dataset names as the Dataset column shows them (each once, in the
    order the run logged them), as people read them."""
    first = (
        select(
            RunDataset.run_pk,
            RunDataset.name,
            func.min(RunDataset.position).label("position"),
        )
        .group_by(RunDataset.run_pk, RunDataset.name)
        .order_by(RunDataset.run_pk, "position")
        .subquery()
    )
    names = (
        select(first.c.run_pk, func.group_concat(first.c.name, ", ").label("names"))
        .group_by(first.c.run_pk)
        .subquery()
    )
    query = query.outerjoin(names, names.c.run_pk == Run.id)
    value = names.c.names
    return query, [value.is_(None), _directed(value.collate("NOCASE"), sort.descending)]


def _local_order(query: Select, sort: SortKey) -> tuple[Select, list]:
    """By a mark: starred (or hidden) runs first when descending; notes A to Z
    (runs without one last)."""
    m, source = aliased(RunMark), aliased(Source)
    query = query.outerjoin(source, source.id == Run.source_id).outerjoin(
        m, and_(m.location == source.location, m.run_id == Run.run_id)
    )
    if sort.key == "note":
        value = m.note
        return query, [
            value.is_(None),
            _directed(value.collate("NOCASE"), sort.descending),
        ]
    flag = func.coalesce(getattr(m, sort.key), False)
    return query, [_directed(flag, sort.descending)]


_ORDERS = {
    "attribute": _attribute_order,
    "metric": _metric_order,
    "param": _key_value_order,
    "tag": _key_value_order,
    "dataset": _dataset_order,
    "local": _local_order,
}
"""How SQL sorts by each kind of :class:`SortKey`."""


def _sort_order(query: Select, sort: SortKey) -> tuple[Select, list]:
    """The query joined as needed, and its ORDER BY terms (missing values last)."""
    order = _ORDERS.get(sort.kind)
    if order is None:
        raise ValueError(
            f"cannot sort by kind {sort.kind!r}; sortable kinds: {', '.join(_ORDERS)}"
        )
    return order(query, sort)


def count_hidden(conn: Connection, scope: RunScope) -> int:
    """How many runs of the scope (before any filter) the user hid."""
    return len(hidden_run_pks(lambda query: conn.execute(query).all(), scope))


def count_runs(conn: Connection, scope: RunScope) -> int:
    """How many runs the scope holds before any filter."""
    query = in_scope(select(func.count()).select_from(Run), scope)
    return int(conn.scalar(query) or 0)


def parent_links(conn: Connection, scope: RunScope) -> dict[int, int]:
    """Each nested run of the scope whose parent run is in the scope too: its row
    id, and its parent's (MLflow's ``mlflow.parentRunId``, within one source)."""
    if scope.top_level_only or not scope.experiment_pks:
        return {}
    parent = aliased(Run)
    query = (
        select(Run.id, parent.id)
        .join(
            parent,
            and_(
                parent.source_id == Run.source_id,
                parent.run_id == Run.parent_run_id,
            ),
        )
        .where(
            Run.experiment_pk.in_(scope.experiment_pks),
            Run.parent_run_id.is_not(None),
            parent.experiment_pk.in_(scope.experiment_pks),
        )
    )
    if not scope.include_deleted:
        query = query.where(
            Run.lifecycle_stage == "active", parent.lifecycle_stage == "active"
        )
    with read_snapshot(conn) as reader:  # plain tuples: no row objects
        return {child: pk for child, pk in reader.rows(query) if child != pk}
