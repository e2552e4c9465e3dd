"""The packaged app's self-test checks that need no window (:mod:`desktop.ui.smoke`).

Each check returns ``(name, ok, detail)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.resources import resource_path

if TYPE_CHECKING:
    from desktop.store.database import Store

Check = tuple[str, bool, str]


def check_store(store: Store) -> Check:
    """The store's schema is the newest of the migration scripts."""
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from desktop.store.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with store.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return "migrations", current == head, f"schema {current} (newest {head})"


def check_sample_project(store: Store) -> Check:
    """The bundled sample project imports."""
    from desktop.services.importing import run_import

    sample = resource_path("sample_project", "mlruns")
    if not sample.is_dir():
        return "sample project", True, "not in this build"
    report = run_import(store, sample, workers=1)
    return (
        "sample project",
        report.runs_total > 0,
        f"{report.experiments} experiments, {report.runs_total} runs imported",
    )


def check_analysis() -> Check:
    """NumPy, SciPy and scikit-learn compute a small importance and a smoothing."""
    import numpy as np

    from desktop.analysis.curves import ema
    from desktop.analysis.importance import param_importance

    rng = np.random.default_rng(0)
    depth = rng.integers(2, 12, size=40)
    params = [{"max_depth": str(d), "seed": str(i % 3)} for i, d in enumerate(depth)]
    target = depth * 0.1 + rng.normal(0, 0.01, size=40)
    result = param_importance(params, target, "accuracy", n_estimators=20)
    smooth = ema(target, 0.6)
    ok = bool(result.scores) and result.scores[0].key == "max_depth"
    ok = ok and smooth.shape == target.shape
    top = result.scores[0] if result.scores else None
    detail = f"top param {top.key} ({top.importance:.2f})" if top else "no scores"
    return "analysis", ok, detail


def check_s3_client() -> Check:
    """boto3 builds an S3 client from the bundled service models (offline: the
    endpoint is never contacted)."""
    from desktop.sources.cloud.s3 import S3Settings, s3_client

    settings = S3Settings("http://127.0.0.1:9", None, "s3v4", "auto", None)
    client = s3_client(settings, "smoke-test")
    ok = client.meta.service_model.service_name == "s3" and client.can_paginate(
        "list_objects_v2"
    )
    return "s3 client", ok, "boto3 S3 client with a paginated listing"


def check_worker_process() -> Check:
    """A worker process starts and parses metrics."""
    from desktop.services.mlruns_batches import read_row_batch
    from desktop.services.worker_pool import WorkerPool, process_context
    from desktop.sources.mlruns.metrics import check_fast_parser

    with WorkerPool(2) as pool:
        future = pool.executor().submit(read_row_batch, [])
        rows, problems, count = future.result(timeout=120)
        parsed, parser = pool.executor().submit(check_fast_parser).result(timeout=120)
    ok = (len(rows), problems, count) == (0, [], 0) and parsed
    method = process_context().get_start_method()
    return "worker process", ok, f"{method} pool answered; metrics parsed by {parser}"
