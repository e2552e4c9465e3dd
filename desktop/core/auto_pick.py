"""Which experiment the window selects by itself (at start, after an import)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.views import ExperimentInfo, SourceInfo


def pick_experiment(
    sources: Sequence[SourceInfo],
    experiments: Sequence[ExperimentInfo],
    selected: Sequence[int],
    auto_picked: int | None,
    imported_location: str | None = None,
) -> int | None:
    """The experiment to select now, or ``None`` to keep the selection.

    The window picks only while the user has not chosen: when nothing (or
    something gone) is selected, or the selection is still the window's own
    earlier pick (``auto_picked``), so it keeps following the newest run.
    The pick is the active experiment with the most recent run (one with runs
    beats an empty one; a named experiment beats "Default" on a tie), among
    those of ``imported_location`` when given.
    """
    by_pk = {e.pk: e for e in experiments}
    current = by_pk.get(selected[0]) if selected else None
    auto = auto_picked is not None and list(selected) == [auto_picked]
    if current is not None and not auto:
        return None
    candidates = [e for e in experiments if e.lifecycle_stage == "active"]
    if imported_location is not None:
        ids = {s.id for s in sources if s.location == imported_location}
        candidates = [e for e in candidates if e.source_id in ids]
    if not candidates:
        return None
    target = max(
        candidates,
        key=lambda e: (e.run_count > 0, e.last_run_time or 0, e.experiment_id != "0"),
    )
    return None if target.pk in selected else target.pk
