"""Plain CSV writing shared by the compare dialog's exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path


def write_csv(path: str | Path, rows: Iterable[Sequence[object]]) -> int:
    """Write ``rows`` (the first is the header) as UTF-8 CSV; returns the row count."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def tsv_text(rows: Iterable[Sequence[object]]) -> str:
    """Rows as tab-separated text, the form spreadsheets paste."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()
