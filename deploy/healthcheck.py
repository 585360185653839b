"""Container health check: ``healthcheck.py http PORT`` or ``healthcheck.py tcp PORT``.

The HTTP check asks Django's admin login page the way the proxy would (HTTPS forwarded,
an allowed host), so it passes only when settings, database and WSGI app all work.
"""

import os
import socket
import sys
import urllib.request

kind, port = sys.argv[1], int(sys.argv[2])
if kind == "tcp":
    socket.create_connection(("127.0.0.1", port), timeout=5).close()
    sys.exit(0)
host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost").lstrip(
    "."
)
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/admin/login/",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
    sys.exit(0 if response.status == 200 else 1)
