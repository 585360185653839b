"""Files: upload and download throughput of one large attachment, and the web process's memory.

Called by ``bench/run.py`` (``make bench``; alone: ``bench/run.py files``). For each size in
``BENCH_FILE_SIZES_MB`` (default ``10,100``): a video file of that size (an MP4 header, then
zeros) is uploaded as multipart to ``POST /api/deliverables/:id/attachments`` (streamed from
disk, never built in memory here either), downloaded from ``/api/attachments/:id/download``
and deleted. Figures: MB/s each way, and the peak resident memory (RSS) of the gunicorn
workers sampled every 20 ms while it runs. The server streams both ways (a temporary file on
upload, a file iterator on download), so the peak must stay flat as the file grows.
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

SIZES_MB = [int(s) for s in os.environ.get("BENCH_FILE_SIZES_MB", "10,100").split(",") if s]
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
CHUNK = 1024 * 1024


def _workers() -> list[int]:
    """The gunicorn processes serving the bench (their command line names the WSGI app)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"gunicorn" in cmd and b"localbzz.wsgi" in cmd:
            pids.append(int(entry.name))
    return pids


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class PeakRSS:
    """Samples the workers' RSS in a thread; ``peak`` is the largest single worker's."""

    def __init__(self):
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        pids = _workers()
        while not self._stop.is_set():
            self.peak = max([self.peak] + [_rss_mb(pid) for pid in pids])
            time.sleep(0.02)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class _Body:
    """A multipart body read from parts and a file, in chunks (``http.client`` streams it)."""

    def __init__(self, head: bytes, path: str, tail: bytes):
        self._parts = [head, path, tail]
        self._current = None

    def read(self, size: int = CHUNK) -> bytes:
        while self._parts or self._current is not None:
            if self._current is None:
                part = self._parts.pop(0)
                if isinstance(part, bytes):
                    return part
                self._current = open(part, "rb")  # noqa: SIM115 - closed when exhausted
            data = self._current.read(size)
            if data:
                return data
            self._current.close()
            self._current = None
        return b""


def _make_file(size_mb: int) -> str:
    fd, path = tempfile.mkstemp(suffix=".mp4")
    with os.fdopen(fd, "wb") as fh:
        fh.write(MP4_HEAD)
        zeros = b"\0" * CHUNK
        remaining = size_mb * CHUNK - len(MP4_HEAD)
        while remaining > 0:
            fh.write(zeros[: min(CHUNK, remaining)])
            remaining -= CHUNK
    return path


def _connection(ctx) -> http.client.HTTPConnection:
    parts = urlsplit(ctx.base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)


def _deliverable_id(ctx, token: str) -> str:
    conn = _connection(ctx)
    conn.request("GET", "/api/deliverables?page_size=1", headers={"Authorization": token})
    return json.loads(conn.getresponse().read())["results"][0]["id"]


def _upload(ctx, token: str, deliverable: str, path: str) -> tuple[str, float]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="reel.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + os.path.getsize(path) + len(tail)
    conn = _connection(ctx)
    started = time.perf_counter()
    conn.request(
        "POST",
        f"/api/deliverables/{deliverable}/attachments",
        body=_Body(head, path, tail),
        headers={
            "Authorization": token,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(length),
        },
    )
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    if response.status != 201:
        raise RuntimeError(f"upload answered {response.status}: {body[:300]!r}")
    return json.loads(body)["id"], elapsed


def _download(ctx, token: str, attachment: str) -> tuple[int, float]:
    conn = _connection(ctx)
    started = time.perf_counter()
    conn.request("GET", f"/api/attachments/{attachment}/download", headers={"Authorization": token})
    response = conn.getresponse()
    received = 0
    while chunk := response.read(CHUNK):
        received += len(chunk)
    return received, time.perf_counter() - started


def run(ctx) -> None:
    token = f"Bearer {ctx.jwt(ctx.users['admin'])}"
    deliverable = _deliverable_id(ctx, token)
    rows = []
    for size_mb in SIZES_MB:
        path = _make_file(size_mb)
        try:
            with PeakRSS() as up_rss:
                attachment, up_seconds = _upload(ctx, token, deliverable, path)
            with PeakRSS() as down_rss:
                received, down_seconds = _download(ctx, token, attachment)
            assert received == size_mb * CHUNK, (received, size_mb)
            conn = _connection(ctx)
            conn.request(
                "DELETE", f"/api/attachments/{attachment}", headers={"Authorization": token}
            )
            conn.getresponse().read()
        finally:
            os.unlink(path)
        rows.append(
            {
                "file": f"{size_mb} MB",
                "upload MB/s": round(size_mb / up_seconds, 1),
                "download MB/s": round(size_mb / down_seconds, 1),
                "peak worker RSS up (MB)": round(up_rss.peak, 1),
                "peak worker RSS down (MB)": round(down_rss.peak, 1),
            }
        )
    ctx.report("Files: one attachment up and down (gunicorn workers' peak RSS)", rows)
