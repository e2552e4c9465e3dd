"""Compare the registry the store holds with what MlflowClient reads."""

from __future__ import annotations

from desktop.services.catalog import Catalog


def client_view(tracking_uri: str) -> dict[str, dict]:
    """Every registered model as MlflowClient's searches return it."""
    import mlflow
    from mlflow import MlflowClient

    mlflow.set_tracking_uri(tracking_uri)  # the file store's logged-model lookups
    client = MlflowClient(tracking_uri=tracking_uri)
    models = {
        m.name: {
            "description": m.description or None,
            "created": m.creation_timestamp,
            "updated": m.last_updated_timestamp,
            "tags": dict(m.tags),
            "aliases": {a: int(v) for a, v in m.aliases.items()},
            "versions": {},
        }
        for m in client.search_registered_models(max_results=1000)
    }
    for v in client.search_model_versions(max_results=10000):
        model = models[v.name]
        number = int(v.version)
        # A database's version search leaves aliases out (get_model_version
        # fills them from the model's aliases): compare with those.
        aliases = sorted(a for a, n in model["aliases"].items() if n == number)
        if v.aliases:
            assert sorted(v.aliases) == aliases
        model["versions"][number] = {
            "run_id": v.run_id or None,
            "source": v.source,
            "status": v.status,
            "stage": v.current_stage,
            "description": v.description or None,
            "created": v.creation_timestamp,
            "updated": v.last_updated_timestamp,
            "tags": dict(v.tags),
            "aliases": aliases,
        }
    return models


def store_view(catalog: Catalog, source_id: int | None = None) -> dict[str, dict]:
    """The same, as the app read it into its store."""
    models = {}
    for m in catalog.registered_models(source_id):
        versions = catalog.model_versions(m.source_id, m.name)
        models[m.name] = {
            "description": m.description or None,
            "created": m.creation_time,
            "updated": m.last_updated_time,
            "tags": m.tags,
            "aliases": m.aliases,
            "versions": {
                v.version: {
                    "run_id": v.run_id,
                    "source": v.source,
                    "status": v.status,
                    "stage": v.stage,
                    "description": v.description or None,
                    "created": v.creation_time,
                    "updated": v.last_updated_time,
                    "tags": v.tags,
                    "aliases": sorted(v.aliases),
                }
                for v in versions
            },
        }
        assert m.version_count == len(versions)
        if versions:
            assert m.latest == versions[0]  # newest first
    return models
