"""A metric history the server refuses for some runs keeps the stored copy: the
re-sync reports it, keeps the histories it could not read, updates the rest and
reads them again next time."""

from __future__ import annotations

from desktop.services.import_pipeline import ImportOptions
from desktop.services.sources import run_source_import
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.errors import RequestFailed
from desktop.store import queries
from desktop.store.database import open_store


def _histories(store) -> dict[tuple[str, str], int]:
    """Stored point counts by (run id, metric key)."""
    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn)
        out = {}
        for run in queries.run_details(
            conn, queries.run_pks(conn, [e.pk for e in exps])
        ):
            for key, history in queries.metric_histories(conn, run.pk).items():
                out[(run.run_id, key)] = len(history.values)
        return out


def test_a_refused_history_keeps_the_stored_copy(
    server, logged, tmp_path, monkeypatch
) -> None:
    store = open_store(tmp_path / "store.db")
    try:
        run_source_import(store, server.url)
        before = _histories(store)
        assert before[(logged.parent, "loss")] == 2500

        real = TrackingClient.get_json

        def refuse_loss(self, path, params=None):
            if "get-history" in path and (params or {}).get("metric_key") == "loss":
                raise RequestFailed(f"{self.url} answered HTTP 500 for {path}: boom")
            return real(self, path, params)

        monkeypatch.setattr(TrackingClient, "get_json", refuse_loss)
        report = run_source_import(store, server.url, ImportOptions(full=True))
        assert report.runs_read == report.runs_total  # the sync went on
        problems = [str(p) for p in report.problems]
        assert any(
            logged.parent in p and "'loss'" in p and "boom" in p for p in problems
        ), problems
        assert _histories(store) == before  # loss kept, the others re-read

        monkeypatch.setattr(TrackingClient, "get_json", real)
        again = run_source_import(store, server.url)  # not --full
        assert not again.problems
        assert again.runs_read >= 1  # runs with a kept history are read again
        assert _histories(store) == before
        assert run_source_import(store, server.url).runs_read == 0
    finally:
        store.close()
