"""Container health check: ``healthcheck.py live|ready PORT``.

Asks ``/health/live`` (the process answers) or ``/health/ready`` (database, cache, broker,
channel layer, storage and migrations; see ops/health.py) on this container's port, and
exits 0 only on a 200. Standard library only: it runs in the image without Django loaded.
"""

import sys
import urllib.error
import urllib.request

probe, port = sys.argv[1], int(sys.argv[2])
if probe not in {"live", "ready"}:
    sys.exit(f"usage: healthcheck.py live|ready PORT (not {probe!r})")
url = f"http://127.0.0.1:{port}/health/{probe}"
try:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - fixed local URL
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as exc:
    sys.exit(f"{url}: {exc}")
