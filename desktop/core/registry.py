"""MLflow's model registry: registered models, their versions, aliases and tags.

The ``*Record`` classes are what a source reader produces and the store writes;
the ``*Info`` classes are what the store hands to the screens. Every source kind
reads the registry whole on each import: it is small.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: MLflow marks a version deleted from a file store or database with this stage
#: instead of removing it; such versions are not read.
DELETED_STAGE = "Deleted_Internal"
#: MLflow 3 keeps prompts as registered models with this tag; MlflowClient's
#: searches leave them out, and so does this app.
PROMPT_TAG = "mlflow.prompt.is_prompt"


@dataclass(slots=True)
class ModelVersionRecord:
    """One version of a registered model, as a source holds it."""

    version: int
    run_id: str | None = None
    source: str | None = None
    status: str | None = None
    stage: str | None = None
    description: str | None = None
    creation_time: int | None = None
    last_updated_time: int | None = None
    model_id: str | None = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class RegisteredModelRecord:
    """A registered model with its tags, aliases (alias → version) and versions."""

    name: str
    description: str | None = None
    creation_time: int | None = None
    last_updated_time: int | None = None
    tags: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    versions: list[ModelVersionRecord] = field(default_factory=list)


def is_prompt(tags: dict[str, str]) -> bool:
    """Whether a registered model is an MLflow 3 prompt (not a model)."""
    return tags.get(PROMPT_TAG, "").lower() == "true"


def without_prompts(
    models: Iterable[RegisteredModelRecord],
) -> list[RegisteredModelRecord]:
    """The models that are not prompts, sorted by name (the first of a name
    given twice is kept)."""
    kept: dict[str, RegisteredModelRecord] = {}
    for model in models:
        if not is_prompt(model.tags):
            kept.setdefault(model.name, model)
    return [kept[name] for name in sorted(kept)]


@dataclass(frozen=True, slots=True)
class ModelVersionInfo:
    """A model version as the screens show it, with the run that produced it.

    ``run_pk`` and ``experiment_pk`` are ``None`` when the source run is not in the
    store (another source, deleted, or no run at all).
    """

    source_id: int
    model_name: str
    version: int
    status: str | None
    stage: str | None
    description: str | None
    creation_time: int | None
    last_updated_time: int | None
    run_id: str | None
    source: str | None
    aliases: tuple[str, ...] = ()
    tags: dict[str, str] = field(default_factory=dict)
    run_pk: int | None = None
    experiment_pk: int | None = None
    run_name: str | None = None

    @property
    def has_stage(self) -> bool:
        """Whether the version was given a (pre-alias) stage other than None."""
        return bool(self.stage) and self.stage != "None"


@dataclass(frozen=True, slots=True)
class RegisteredModelInfo:
    """A registered model as the registry page lists it."""

    source_id: int
    source_name: str
    name: str
    description: str | None
    creation_time: int | None
    last_updated_time: int | None
    tags: dict[str, str]
    aliases: dict[str, int]
    version_count: int
    latest: ModelVersionInfo | None
