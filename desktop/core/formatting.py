"""How times, durations and metric values read in tables and panels."""

from __future__ import annotations

import math
from datetime import datetime


def format_time(ms: int | None) -> str:
    """A local date and time, to the second."""
    if ms is None:
        return ""
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M:%S")


def format_duration(start: int | None, end: int | None) -> str:
    """A short duration such as ``850ms``, ``12.3s``, ``4m 05s`` or ``2h 03m``."""
    if start is None or end is None:
        return ""
    ms = max(0, end - start)
    if ms < 1000:
        return f"{ms}ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, sec = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes}m {sec:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h {minutes:02d}m"
    return f"{hours // 24}d {hours % 24:02d}h"


def format_number(value: float | None) -> str:
    """A metric value with up to 6 significant digits."""
    if value is None:
        return ""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.6g}"
