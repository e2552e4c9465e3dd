"""The runs of one comparison, with the names of their experiments and sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from desktop.analysis.variables import Variable, metric_variable, param_variable
from desktop.core.views import RunDetail

OBJECTIVE_WORDS = (
    "loss",
    "acc",
    "score",
    "f1",
    "auc",
    "error",
    "rmse",
    "mae",
    "precision",
    "recall",
    "bleu",
    "iou",
)


class RunSet:
    """Runs being compared (in the user's order) and the keys they use.

    ``experiment_names`` maps experiment row ids to names; ``source_names`` maps
    run row ids to the name of the source they were imported from;
    ``sort_metric`` is the metric the runs table was sorted by, if any.
    """

    def __init__(
        self,
        runs: Sequence[RunDetail],
        experiment_names: Mapping[int, str],
        source_names: Mapping[int, str],
        sort_metric: str | None = None,
    ) -> None:
        self.runs: tuple[RunDetail, ...] = tuple(runs)
        self.experiment_names = dict(experiment_names)
        self.source_names = dict(source_names)
        self.sort_metric = sort_metric
        self.param_keys = sorted({k for r in self.runs for k in r.params})
        self.metric_keys = sorted({k for r in self.runs for k in r.metrics})
        self.tag_keys = sorted({k for r in self.runs for k in r.tags})
        self._variables: dict[str, Variable] = {}

    def __len__(self) -> int:
        return len(self.runs)

    @property
    def pks(self) -> list[int]:
        """Run row ids in order."""
        return [r.pk for r in self.runs]

    @property
    def names(self) -> list[str]:
        """Display names (the run id's start when a run has no name)."""
        return [r.run_name or r.run_id[:8] for r in self.runs]

    @property
    def experiment_pks(self) -> list[int]:
        """The experiments the runs belong to, in first-seen order."""
        return list(dict.fromkeys(r.experiment_pk for r in self.runs))

    def experiment_name(self, index: int) -> str:
        """The experiment of run ``index``."""
        run = self.runs[index]
        return self.experiment_names.get(run.experiment_pk, run.experiment_id)

    def source_name(self, index: int) -> str:
        """The source run ``index`` was imported from."""
        return self.source_names.get(self.runs[index].pk, "")

    def param(self, key: str) -> Variable:
        """A param across the runs (cached)."""
        ident = f"param:{key}"
        if ident not in self._variables:
            self._variables[ident] = param_variable(
                key, [r.params.get(key) for r in self.runs]
            )
        return self._variables[ident]

    def metric(self, key: str, field: str = "latest") -> Variable:
        """A metric's latest, min or max across the runs (cached)."""
        ident = f"metric:{field}:{key}"
        if ident not in self._variables:
            self._variables[ident] = metric_variable(key, self.runs, field)
        return self._variables[ident]

    def preferred_metrics(self) -> list[str]:
        """Metric keys, most worth showing first.

        Metrics that differ between runs come first, and among them those named
        like an objective (loss, accuracy, score, f1...); key order otherwise.
        """

        def rank(key: str) -> tuple[bool, bool, str]:
            objective = any(word in key.lower() for word in OBJECTIVE_WORDS)
            return (not self.metric(key).varies, not objective, key)

        return sorted(self.metric_keys, key=rank)

    def history_length(self, key: str) -> int:
        """The most points any run logged for a metric."""
        return max(
            (r.metrics[key].count for r in self.runs if key in r.metrics), default=0
        )

    def variable(self, ident: str) -> Variable:
        """A variable by :attr:`Variable.id` (``param:lr``, ``metric:min:loss``)."""
        return variable_by_id(self, ident)

    def variable_ids(self) -> list[str]:
        """Ids of every param, then every metric (latest)."""
        return [f"param:{k}" for k in self.param_keys] + [
            f"metric:{k}" for k in self.metric_keys
        ]


class VariableSource(Protocol):
    """What has params and metrics as variables (runs, or groups of them)."""

    def param(self, key: str) -> Variable: ...

    def metric(self, key: str, field: str = "latest") -> Variable: ...


def variable_by_id(source: VariableSource, ident: str) -> Variable:
    """``source``'s variable by id (``param:lr``, ``metric:loss``,
    ``metric:min:loss``); :class:`KeyError` for an id of no such kind."""
    kind, _, rest = ident.partition(":")
    if kind == "param":
        return source.param(rest)
    if kind == "metric":
        field, _, key = rest.partition(":")
        if field in ("min", "max") and key:
            return source.metric(key, field)
        return source.metric(rest)
    raise KeyError(ident)
