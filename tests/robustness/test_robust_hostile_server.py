"""Hostile tracking servers on loopback: every answer has a budget.

Endless pagination, a huge body, a chunked body without end, a server that
trickles one byte at a time and one that never answers all end within small,
configured limits with a reason that says what happened.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.sources.tracking_server.client import TrackingClient, paged
from desktop.sources.tracking_server.credentials import Connection
from desktop.sources.tracking_server.errors import BadResponse, Unreachable
from desktop.sources.tracking_server.reader import API

DRIP_SECONDS = 0.2
"""The pause between two bytes of the trickling server."""


class Hostile(BaseHTTPRequestHandler):
    """Answers according to the first path component (the behaviour's name)."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes: without this, each answer waited
    # for the client's delayed ACK (about 40 ms a request).
    disable_nagle_algorithm = True
    requests_seen = 0
    release = threading.Event()

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests_seen += 1
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        mode = self.path.strip("/").split("/")[0]
        getattr(self, f"_{mode}")()

    do_POST = do_GET

    def _pages(self) -> None:
        body = json.dumps({"experiments": [], "next_page_token": uuid.uuid4().hex})
        self._send(body.encode())

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(1_500_000_000))
        self.end_headers()
        self._write_forever(b"[" * 65536)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"[" * 65536
        self._write_forever(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        while not self.release.wait(DRIP_SECONDS):
            if not self._write(b" "):
                return

    def _drip_headers(self) -> None:
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + b"X-Padding: "
            + b"x" * 400
            + b"\r\nContent-Length: 2\r\n\r\n{}"
        )
        for byte in head:
            if self.release.wait(DRIP_SECONDS) or not self._write(bytes([byte])):
                return
        self.close_connection = True

    def _silent(self) -> None:
        self.release.wait(60)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _write_forever(self, data: bytes) -> None:
        while not self.release.is_set() and self._write(data):
            pass

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            return False
        return True


# How often the server thread checks for shutdown (the default 0.5 s made every
# test wait about that long in its teardown).
POLL_S = 0.02


@pytest.fixture
def hostile() -> Iterator[str]:
    """The URL of a hostile server on loopback (stopped after the test)."""
    Hostile.requests_seen = 0
    Hostile.release.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": POLL_S}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        Hostile.release.set()
        server.shutdown()
        server.server_close()
        thread.join(10)


def _client(url: str, mode: str, **limits) -> TrackingClient:
    return TrackingClient(Connection(f"{url}/{mode}"), **limits)


@pytest.mark.timeout(30)
def test_endless_pagination_stops_at_the_page_cap(hostile: str) -> None:
    with _client(hostile, "pages") as client:

        def fetch(token: str | None) -> dict:
            return client.post_json(f"{API}/experiments/search", {"page_token": token})

        with pytest.raises(BadResponse, match="after 50 pages"):
            for _ in paged(fetch, "experiments", max_pages=50):
                pass
    assert Hostile.requests_seen == 50


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", ["huge", "endless"])
def test_a_body_over_the_byte_cap_is_refused(hostile: str, mode: str) -> None:
    started = time.monotonic()
    with (
        _client(hostile, mode, max_bytes=1 << 20) as client,
        pytest.raises(BadResponse, match="larger than 1 MB"),
    ):
        client.get_json(f"{API}/experiments/list")
    assert time.monotonic() - started < 10


@pytest.mark.timeout(30)
def test_a_trickling_server_is_given_up_at_the_deadline(hostile: str) -> None:
    started = time.monotonic()
    with (
        _client(hostile, "drip", timeout=(1.0, 1.0), deadline=1.5) as client,
        pytest.raises(Unreachable, match="did not finish answering in time"),
    ):
        client.get_json(f"{API}/experiments/list")
    assert time.monotonic() - started < 5


@pytest.mark.timeout(60)
@pytest.mark.parametrize("call", ["get_json", "download"])
def test_headers_trickled_byte_by_byte_are_given_up_at_the_deadline(
    hostile: str, call: str
) -> None:
    """Each header byte comes well within the read timeout; the whole answer does
    not come within the deadline (one retry included)."""
    deadline = 1.0
    started = time.monotonic()
    with _client(hostile, "drip_headers", timeout=(1.0, 1.0), deadline=deadline) as c:
        if call == "get_json":
            answer = partial(c.get_json, f"{API}/experiments/list")
        else:
            answer = partial(c.download, "/x", None, lambda _b: None)
        with pytest.raises(Unreachable, match="did not finish answering in time"):
            answer()
    assert time.monotonic() - started < 3 * deadline


@pytest.mark.timeout(30)
def test_a_silent_server_is_given_up_with_the_right_reason(hostile: str) -> None:
    started = time.monotonic()
    with (
        _client(hostile, "silent", timeout=(1.0, 0.5), deadline=2.0) as client,
        pytest.raises(Unreachable, match="in time"),
    ):
        client.get_json(f"{API}/experiments/list")
    assert time.monotonic() - started < 8


@pytest.mark.timeout(30)
def test_a_download_without_end_stops_at_the_expected_size(hostile: str) -> None:
    received: list[int] = []
    with (
        _client(hostile, "endless") as client,
        pytest.raises(BadResponse, match="more bytes than announced"),
    ):
        client.download(
            "/x", None, lambda b: received.append(len(b)), max_bytes=1 << 20
        )
    assert sum(received) <= 1 << 20


@pytest.mark.timeout(30)
def test_a_trickling_download_can_be_cancelled(hostile: str) -> None:
    from desktop.sources.tracking_server.client import Cancelled

    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # the user presses Cancel after three bytes

    started = time.monotonic()
    with _client(hostile, "drip") as client, pytest.raises(Cancelled):
        client.download("/x", None, lambda _b: None, cancelled=cancelled)
    assert time.monotonic() - started < 5
