"""A tracking server whose model registry cannot be read (refused, or answered in
another shape): the runs still sync, the problem names the registry, and a
registry stored before is kept when the server refuses it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.services.catalog import Catalog
from desktop.services.importing_server import run_server_import
from desktop.store.database import Store

EXPERIMENTS = {"experiments": [{"experiment_id": "1", "name": "exp"}]}
GOOD_MODELS = {
    "registered_models": [
        {
            "name": "churn-model",
            "creation_timestamp": 1,
            "last_updated_timestamp": 2,
            "aliases": [{"alias": "champion", "version": "1"}],
        }
    ]
}
GOOD_VERSIONS = {
    "model_versions": [
        {"name": "churn-model", "version": "1", "current_stage": "None", "run_id": "r"}
    ]
}


class _Handler(BaseHTTPRequestHandler):
    registry: tuple[int, dict] = (200, GOOD_MODELS)
    versions: tuple[int, dict] = (200, GOOD_VERSIONS)

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if "/experiments/search" in self.path:
            status, body = 200, EXPERIMENTS
        elif "/runs/search" in self.path:
            status, body = 200, {"runs": []}
        elif "/registered-models/search" in self.path:
            status, body = self.registry
        elif "/model-versions/search" in self.path:
            status, body = self.versions
        else:
            status, body = 404, {"error_code": "ENDPOINT_NOT_FOUND"}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def test_a_refused_registry_is_a_problem_and_keeps_what_was_stored(
    server, local_store: Store
) -> None:
    url, handler = server
    catalog = Catalog(local_store)
    first = run_server_import(local_store, url)
    assert first.problems == []
    assert [m.name for m in catalog.registered_models()] == ["churn-model"]

    handler.registry = (403, {"error_code": "PERMISSION_DENIED", "message": "no"})
    report = run_server_import(local_store, url)
    assert not report.server_error  # the runs synced
    assert report.experiments == 1
    assert len(report.problems) == 1
    assert report.problems[0].message.startswith("model registry: ")
    assert "HTTP 403" in report.problems[0].message
    (model,) = catalog.registered_models()
    assert model.aliases == {"champion": 1}


@pytest.mark.parametrize(
    "answer",
    [
        {"registered_models": ["a", 1, None]},
        {"registered_models": [{"name": "m", "aliases": "oops", "tags": "x"}]},
        {"registered_models": "nope"},
    ],
)
def test_a_registry_of_another_shape_is_read_as_far_as_it_goes(
    server, local_store: Store, answer
) -> None:
    url, handler = server
    handler.registry = (200, answer)
    handler.versions = (200, {"model_versions": ["x", {"name": "m", "version": "z"}]})
    report = run_server_import(local_store, url)
    assert not report.server_error
    assert report.experiments == 1
    names = [m.name for m in Catalog(local_store).registered_models()]
    assert names in ([], ["m"])
