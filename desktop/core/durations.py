"""How long a run took, or has been running so far."""

from __future__ import annotations

import time


def run_duration_ms(
    start: int | None, end: int | None, status: str | None, now_ms: int | None = None
) -> int | None:
    """Milliseconds from start to end; to now while the run is RUNNING.

    ``None`` when the run has no start, or ended without an end time.
    """
    if start is None:
        return None
    if end is None:
        if status != "RUNNING":
            return None
        end = int(time.time() * 1000) if now_ms is None else now_ms
    return max(0, end - start)
