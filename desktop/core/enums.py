"""MLflow enumerations as they appear in the stores (see mlflow-formats.md §1)."""

from __future__ import annotations

RUN_STATUS_NAMES: dict[int, str] = {
    1: "RUNNING",
    2: "SCHEDULED",
    3: "FINISHED",
    4: "FAILED",
    5: "KILLED",
}
TERMINATED_STATUSES = frozenset({"FINISHED", "FAILED", "KILLED"})

ACTIVE = "active"
DELETED = "deleted"


def run_status_name(value: object) -> str:
    """Return the status name of an int, numeric string or name (RUNNING if missing)."""
    if value is None or value == "":
        return "RUNNING"
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in RUN_STATUS_NAMES.values():
            return text.upper()
        try:
            value = int(text)
        except ValueError:
            return text.upper()
    if isinstance(value, bool):
        return "RUNNING"
    if isinstance(value, int):
        return RUN_STATUS_NAMES.get(value, "RUNNING")
    return "RUNNING"


def lifecycle_stage(value: object) -> str:
    """Return ``active`` or ``deleted``; a missing or unknown value means active."""
    return DELETED if str(value).strip().lower() == DELETED else ACTIVE
