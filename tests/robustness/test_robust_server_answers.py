"""Malformed answers from a tracking server end the sync with a plain problem.

A loopback server answers every request with one hostile body; the sync must
return a report with a problem naming the server (no exception), within a bound.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.services.importing_server import import_server
from desktop.store.database import Store

BODIES = {
    "nested 200k deep": b"[" * 200_000 + b"]" * 200_000,
    "object nested 200k deep": b'{"experiments": '
    + b"[" * 200_000
    + b"]" * 200_000
    + b"}",
    "experiments as strings": b'{"experiments": ["a", "b"]}',
    "experiment tags as a string": (
        b'{"experiments": [{"experiment_id": "1", "name": "x", "tags": "oops"}]}'
    ),
    "runs as numbers": b'{"experiments": [{"experiment_id": "1", "name": "x"}], '
    b'"runs": [1, 2]}',
}


class _Handler(BaseHTTPRequestHandler):
    body = b""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = _answer

    def log_message(self, *_args: object) -> None:
        pass


# How often the server thread checks for shutdown (the default 0.5 s made every
# test wait about that long in its teardown).
POLL_S = 0.02


@pytest.fixture
def hostile() -> Iterator[tuple[ThreadingHTTPServer, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": POLL_S}, daemon=True
    )
    thread.start()
    yield server, handler
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.mark.parametrize("case", sorted(BODIES))
def test_a_malformed_answer_is_a_problem_not_a_crash(
    case: str, hostile, local_store: Store
) -> None:
    server, handler = hostile
    handler.body = BODIES[case]
    url = f"http://127.0.0.1:{server.server_address[1]}"
    generator = import_server(local_store, url)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            report = stop.value
            break
    assert report.problems, case
    assert all(p.path == url for p in report.problems)
    with local_store.engine.connect() as conn:  # the store is still usable
        conn.exec_driver_sql("SELECT count(*) FROM runs").scalar()
