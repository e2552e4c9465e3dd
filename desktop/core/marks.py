"""Changes to the user's own marks on runs: a star, hidden, a short note.

Marks live in our store (``run_marks``), keyed by the source's location and the
MLflow run id, so they survive re-imports and the removal and re-adding of a
source; the source itself is never written.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTE_LIMIT = 10_000
"""Characters kept of a note (a short note, not a document)."""


@dataclass(frozen=True, slots=True)
class MarkChange:
    """What to change on some runs' marks; ``None`` leaves a part as it is.

    ``note=""`` removes the note.
    """

    starred: bool | None = None
    hidden: bool | None = None
    note: str | None = None

    def note_value(self) -> str | None:
        """The note to store: trimmed, ``None`` when empty."""
        if self.note is None:
            return None
        text = self.note.strip()
        return text[:NOTE_LIMIT] or None
