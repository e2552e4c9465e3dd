"""How this computer reaches a team database's artifacts: set per source by the
user (see :mod:`desktop.sources.team_db.artifact_paths`), kept in the store."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ArtifactPlaces:
    """How this computer reaches one team database's artifacts (no secrets)."""

    served_by: str | None = None
    server_root: str | None = None
    local_root: str | None = None

    @property
    def maps_folder(self) -> bool:
        """Whether a server folder is mapped to a folder here."""
        return bool(self.server_root and self.local_root)

    @property
    def empty(self) -> bool:
        """Nothing configured."""
        return not (self.served_by or self.maps_folder)
