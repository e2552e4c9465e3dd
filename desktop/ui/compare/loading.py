"""Store reads for the compare dialog (run on worker threads; no Qt here)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from desktop.analysis.importance import ImportanceResult, param_importance
from desktop.analysis.run_set import RunSet
from desktop.core.views import History
from desktop.services.analysis_process import AnalysisProcess
from desktop.store import queries
from desktop.store.database import Store

HistoryKey = tuple[int, str]  # (run pk, metric key)


def load_run_set(store: Store, pks: Sequence[int]) -> RunSet:
    """The runs to compare, with experiment and source names."""
    with store.engine.connect() as conn:
        runs = queries.run_details(conn, pks)
        origins = queries.run_origins(conn, [r.pk for r in runs])
    experiments = {r.experiment_pk: origins[r.pk][0] for r in runs if r.pk in origins}
    sources = {pk: source for pk, (_, source) in origins.items()}
    return RunSet(runs, experiments, sources)


def load_histories(
    store: Store, pks: Sequence[int], keys: Sequence[str]
) -> dict[HistoryKey, History]:
    """Full histories of ``keys`` for runs ``pks``; absent pairs are left out."""
    with store.engine.connect() as conn:
        found = queries.metric_histories_of_runs(conn, pks, keys)
    return {
        (pk, key): history
        for pk, histories in found.items()
        for key, history in histories.items()
    }


def importance_of_experiments(
    store: Store,
    experiment_pks: Sequence[int],
    metric: str,
    analysis: AnalysisProcess,
) -> ImportanceResult:
    """Parameter importance over every active run of some experiments.

    Reads the runs here, computes in ``analysis`` (see
    :mod:`desktop.services.analysis_process`).
    """
    with store.engine.connect() as conn:
        params, values = queries.params_with_metric(conn, experiment_pks, metric)
    target = np.array(values, dtype=np.float64)
    return analysis.run(param_importance, params, target, metric)
