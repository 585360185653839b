"""Per-machine development keys, so that no signing key is a constant of the code.

In development, when the environment gives no ``SECRET_KEY`` (or ``JWT_SIGNING_KEY``),
the settings take a random key generated on first use and kept in ``.state/<name>``
(git-ignored). Tokens and sessions survive restarts of one machine, and a token signed on
another machine, or with a key published anywhere, is refused. Production never comes here:
it requires ``SECRET_KEY`` from the environment. Imported by the settings: no Django here.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

STATE_DIR = ".state"


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return ""


def dev_key(base_dir: Path, name: str) -> str:
    """The key in ``<base_dir>/.state/<name>``, created (64 random bytes, URL-safe) if absent."""
    path = Path(base_dir) / STATE_DIR / name
    key = _read(path)
    if len(key) >= 50:
        return key
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if key:  # a damaged file (too short to be ours): start again
        path.unlink(missing_ok=True)
    new = secrets.token_urlsafe(64)
    try:
        # Exclusive create: of two processes starting at once (runserver's reloader and its
        # child), the first one's key wins and the other reads it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = _read(path)
            if len(key) >= 50:
                return key
            time.sleep(0.02)
        return new
    with os.fdopen(fd, "w") as handle:
        handle.write(new + "\n")
    return new
