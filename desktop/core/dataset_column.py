"""The Dataset column: the names of a run's input datasets (MLflow ``inputs``).

Filtered with MLflow's ``datasets.name``, ``datasets.digest`` and
``datasets.context`` (the ``mlflow.data.context`` input tag).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.columns import Column, ColumnKind, KeyCounts, RowLoad, quote
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.views import DatasetRef, RunRow

KEY = "name"


def dataset_names(datasets: Sequence[DatasetRef]) -> str:
    """The inputs' names, each once, in the order the run logged them."""
    return ", ".join(dict.fromkeys(d.name for d in datasets))


class DatasetKind(ColumnKind):
    """One column, shown when some run in scope has a dataset input."""

    name = "dataset"
    group = QT_TRANSLATE_NOOP("Columns", "dataset")
    header_color = "#2f6b9a"
    default_rank = 10

    def parse(self, rest: str) -> Column | None:
        return Column(self.name, KEY) if rest == KEY else None

    def available(self, keys: KeyCounts) -> list[Column]:
        return [Column(self.name, KEY)] if keys.get(self.name) else []

    def defaults(self, keys: KeyCounts, experiments: int) -> list[Column]:
        return self.available(keys)

    def title(self, column: Column) -> str:
        return QT_TRANSLATE_NOOP("Columns", "Dataset")

    def tooltip(self, column: Column) -> str:
        return "datasets.name"

    def width(self, column: Column) -> int:
        return 140

    def load(self, column: Column, load: RowLoad) -> None:
        load.datasets = True

    def value(self, column: Column, row: RunRow) -> object:
        return dataset_names(row.datasets) or None

    def cell_tooltip(
        self, column: Column, row: RunRow, parents: Mapping[str, str]
    ) -> list[str]:
        return [
            f"{d.name} ({d.digest})" + (f" · {d.context}" if d.context else "")
            for d in row.datasets
        ]

    def filter_clause(self, column: Column, row: RunRow) -> str | None:
        names = dict.fromkeys(d.name for d in row.datasets)
        return " and ".join(f"datasets.name = {quote(n)}" for n in names) or None
