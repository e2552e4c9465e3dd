"""A run folder to read, as the folder scan hands it to the readers.

Apart from :mod:`desktop.sources.mlruns.runs` so that the scan (in the importing
process) builds tasks without loading the readers and numpy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RunTask:
    """Where a run folder is and what the scan expects of it."""

    run_dir: str
    experiment_id: str
    experiment_dir: str
    root: str
