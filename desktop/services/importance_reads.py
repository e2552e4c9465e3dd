"""Parameter importance over whole experiments: read through the catalog, computed
in the analysis process (see :mod:`desktop.services.analysis_process`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from desktop.analysis.importance import ImportanceResult, param_importance
from desktop.services.analysis_process import AnalysisProcess
from desktop.services.catalog import Catalog


def importance_of_experiments(
    catalog: Catalog,
    experiment_pks: Sequence[int],
    metric: str,
    analysis: AnalysisProcess,
) -> ImportanceResult:
    """Parameter importance over every active run of some experiments, computed
    in ``analysis``."""
    params, values = catalog.params_with_metric(experiment_pks, metric)
    target = np.array(values, dtype=np.float64)
    return analysis.run(param_importance, params, target, metric)
