"""What every fake service shares: an HTTP server on 127.0.0.1 (port 0) in a daemon thread."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops bursts of concurrent connections (1 s SYN retry)
    fake: Any

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up mid-answer is expected here (timeouts); stay quiet


class LoopbackFake:
    """Start, stop and address a fake; subclasses set `handler` (a BaseHTTPRequestHandler)."""

    handler: type

    def _init_loopback(self) -> None:
        self._closing = threading.Event()  # set on close: wakes handlers that delay or hang
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None

    def start(self):
        if self._server is not None:
            return self
        self._closing.clear()
        server = LoopbackServer(("127.0.0.1", 0), self.handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"{type(self).__name__}:{server.server_address[1]}", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving within about a second, even with requests still delayed or hanging."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._closing.set()
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=1.0)
        self._server = None
        self._thread = None

    def _released(self, release: threading.Event) -> bool:
        """Wait until the test sets `release` (it decides when an answer goes out); False if the
        fake closes first, so that a held request never delays teardown."""
        while not release.wait(0.05):
            if self._closing.is_set():
                return False
        return True

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._server.server_address[1]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def write_answer(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], payload: bytes) -> None:
    """One whole HTTP answer from a fake's handler: status, headers, a Content-Length, the body."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def in_background(call: Callable[[], Any]) -> tuple[threading.Thread, list]:
    """For tests: `call()` in a daemon thread; the list gets what it returned, or what it raised, once
    it is done, so a test can say what was still waiting while something else happened."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as exc:  # noqa: BLE001 - the test looks at what it was
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome
