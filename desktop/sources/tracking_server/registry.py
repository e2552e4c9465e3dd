"""Read MLflow's model registry from a tracking server (REST, read-only).

``registered-models/search`` pages through the models (their tags and aliases
come with them), ``model-versions/search`` through every version (their tags come
with them). A server without the registry endpoints has no registry to show.
"""

from __future__ import annotations

from typing import Any

from desktop.core.registry import (
    DELETED_STAGE,
    ModelVersionRecord,
    RegisteredModelRecord,
    without_prompts,
)
from desktop.sources.tracking_server.client import API, TrackingClient, integer, paged
from desktop.sources.tracking_server.errors import EndpointMissing

MODEL_PAGE = 1000  # the most registered-models/search returns at once
VERSION_PAGE = 10000


def _pairs(items: object) -> dict[str, str]:
    if not isinstance(items, list):
        return {}
    return {
        str(item["key"]): "" if item.get("value") is None else str(item["value"])
        for item in items
        if isinstance(item, dict) and item.get("key") is not None
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def read_registry(client: TrackingClient) -> list[RegisteredModelRecord] | None:
    """Every registered model with its versions; ``None`` when the server has no
    model registry endpoints. Other server errors are raised."""

    def search(path: str, size: int) -> Any:
        def fetch(token: str | None) -> dict:
            params: dict[str, Any] = {"max_results": size}
            if token:
                params["page_token"] = token
            return client.get_json(f"{API}/{path}", params)

        return fetch

    try:
        model_pages = list(
            paged(search("registered-models/search", MODEL_PAGE), "registered_models")
        )
        version_pages = list(
            paged(search("model-versions/search", VERSION_PAGE), "model_versions")
        )
    except EndpointMissing:
        return None
    models: dict[str, RegisteredModelRecord] = {}
    for page in model_pages:
        for data in page:
            model = registered_model_record(data) if isinstance(data, dict) else None
            if model is not None:
                models.setdefault(model.name, model)
    for page in version_pages:
        for data in page:
            if not isinstance(data, dict):
                continue  # an answer of another shape: nothing to read in it
            found = models.get(str(data.get("name")))
            version = model_version_record(data)
            if found is not None and version is not None:
                found.versions.append(version)
    for model in models.values():
        unique = {v.version: v for v in reversed(model.versions)}
        model.versions = [unique[n] for n in sorted(unique)]
    return without_prompts(models.values())


def registered_model_record(data: dict[str, Any]) -> RegisteredModelRecord | None:
    """A :class:`RegisteredModelRecord` (without versions) from a
    ``RegisteredModel`` JSON object; ``None`` without a name."""
    name = _text(data.get("name"))
    if not name:
        return None
    aliases: dict[str, int] = {}
    aliases_data = data.get("aliases")
    for item in aliases_data if isinstance(aliases_data, list) else []:
        if not isinstance(item, dict) or item.get("alias") is None:
            continue
        number = integer(item.get("version"))
        if number is not None:
            aliases[str(item["alias"])] = number
    return RegisteredModelRecord(
        name=name,
        description=_text(data.get("description")),
        creation_time=integer(data.get("creation_timestamp")),
        last_updated_time=integer(data.get("last_updated_timestamp")),
        tags=_pairs(data.get("tags")),
        aliases=dict(sorted(aliases.items())),
    )


def model_version_record(data: dict[str, Any]) -> ModelVersionRecord | None:
    """A :class:`ModelVersionRecord` from a ``ModelVersion`` JSON object; ``None``
    for one without a version number or deleted."""
    number = integer(data.get("version"))
    stage = _text(data.get("current_stage"))
    if number is None or stage == DELETED_STAGE:
        return None
    return ModelVersionRecord(
        version=number,
        run_id=_text(data.get("run_id")) or None,
        source=_text(data.get("source")),
        status=_text(data.get("status")),
        stage=stage,
        description=_text(data.get("description")),
        creation_time=integer(data.get("creation_timestamp")),
        last_updated_time=integer(data.get("last_updated_timestamp")),
        model_id=_text(data.get("model_id")),
        tags=_pairs(data.get("tags")),
    )
