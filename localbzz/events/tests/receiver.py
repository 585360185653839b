"""A real HTTP receiver on 127.0.0.1 for webhook tests: records requests, can fail n times."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Records every POST; answers ``fail_status`` to the first ``fail_times`` requests.
    ``keep_alive``: HTTP/1.1, connections stay open (each record has the sender's ``port``)."""

    def __init__(self, keep_alive: bool = False):
        self.requests: list[dict] = []
        self.fail_times = 0
        self.fail_status = 500
        self.status = 200
        self.headers: dict[str, str] = {}
        self.delay = 0.0
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = self.rfile.read(length)
                with receiver._lock:
                    receiver.requests.append(
                        {
                            "headers": dict(self.headers.items()),
                            "body": body,
                            "at": time.time(),
                            "port": self.client_address[1],
                        }
                    )
                    failing = receiver.fail_times > 0
                    if failing:
                        receiver.fail_times -= 1
                if receiver.delay:
                    time.sleep(receiver.delay)
                code = receiver.fail_status if failing else receiver.status
                try:
                    self.send_response(code)
                    for name, value in receiver.headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender timed out and hung up: that is the point of the test

            def log_message(self, *args):
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count: int, timeout: float = 15.0) -> list[dict]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if len(self.requests) >= count:
                return self.requests
            time.sleep(0.05)
        return self.requests
