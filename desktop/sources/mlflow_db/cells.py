"""Read cells of any SQLite type as the types MLflow meant, noting the odd ones.

SQLite stores any type in any column: a BLOB where MLflow writes text, a huge real
in a time column, invalid UTF-8 in a key. These helpers never raise; a value that
had to be coerced or dropped is described for a problem line.
"""

from __future__ import annotations

import math

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import Problem
from desktop.sources.mlruns.files import Report

_INT64 = 2**63


class BadText(str):
    """Text whose stored bytes were not valid UTF-8 (undecodable bytes replaced)."""

    __slots__ = ()


def tolerant_text(data: bytes) -> str:
    """An SQLite ``text_factory`` that never fails: invalid UTF-8 becomes BadText."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return BadText(data.decode("utf-8", errors="replace"))


def describe(value: object) -> str:
    """A short description of a stored value for messages (type and start)."""
    if isinstance(value, bytes):
        return f"BLOB of {len(value)} bytes"
    if isinstance(value, BadText):
        return f"invalid UTF-8 text {str(value)[:40]!r}"
    if isinstance(value, float):
        return f"REAL {value!r}"
    if isinstance(value, int):
        return f"INTEGER {value}"
    return f"TEXT {str(value)[:40]!r}"


def as_int(value: object) -> tuple[int | None, bool]:
    """``(int or None, ok)``: an integer cell, or a numeric one that is a whole int64.

    ``ok`` is False when a present value could not be read as an integer.
    """
    if value is None:
        return None, True
    if isinstance(value, bool):
        return int(value), True
    if isinstance(value, int):
        return (value, True) if -_INT64 <= value < _INT64 else (None, False)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < _INT64:
            return int(value), True
        return None, False
    if isinstance(value, str) and not isinstance(value, BadText):
        try:
            return as_int(int(value.strip()))
        except ValueError:
            try:
                return as_int(float(value))
            except ValueError:
                return None, False
    return None, False


def as_text(value: object) -> tuple[str | None, bool]:
    """``(text or None, ok)``: a text cell as ``str``; numbers and BLOBs as text.

    ``ok`` is False when the value was not valid text (a BLOB, invalid UTF-8, a
    number): it is still returned as readable text.
    """
    if value is None:
        return None, True
    if isinstance(value, BadText):
        return str(value), False
    if isinstance(value, str):
        return value, True
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace"), False
    return str(value), False


class OddCells:
    """Report odd cells of a batch of runs: one line per run and column, and one
    per run for metric points left out (with a count)."""

    def __init__(self, db_path: str, report: Report) -> None:
        self.db_path = db_path
        self.report = report
        self._seen: set[tuple[str, str]] = set()
        self._points: dict[str, list[tuple]] = {}

    def note(self, run_id: str, column: str, value: object, outcome: str = "") -> None:
        """A cell of ``column`` read as text, left empty (times) or ``"ignored"``."""
        if (run_id, column) in self._seen:
            return
        self._seen.add((run_id, column))
        if outcome == "ignored":
            message = QT_TRANSLATE_NOOP(
                "Import", "run {0}: {1} holds an unexpected {2}; ignored"
            )
        elif column.endswith("time"):
            message = QT_TRANSLATE_NOOP(
                "Import", "run {0}: {1} holds an unexpected {2}; left empty"
            )
        else:
            message = QT_TRANSLATE_NOOP(
                "Import", "run {0}: {1} holds an unexpected {2}; read as text"
            )
        self.report(
            Problem(self.db_path, message.format(run_id, column, describe(value)))
        )

    def point(self, run_id: str, row: tuple) -> None:
        """A ``metrics`` row with a step, timestamp or value of the wrong type."""
        points = self._points.setdefault(run_id, [])
        points.append(row)
        if len(points) == 1:
            self.report(
                Problem(
                    self.db_path,
                    QT_TRANSLATE_NOOP(
                        "Import",
                        "run {0}: metric {1!r} has a point whose step, timestamp or "
                        "value is not a number (step {2}, timestamp {3}, value {4}); "
                        "such points are left out",
                    ).format(
                        run_id,
                        str(row[1]),
                        describe(row[3]),
                        describe(row[2]),
                        describe(row[4]),
                    ),
                )
            )
