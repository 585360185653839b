"""Batch import / export and scheduled jobs (DESIGN.md §7, §8)."""

from .files import *  # noqa: F403

# --- Batch ---------------------------------------------------------------------------------
# The largest file /api/<collection>/import takes (413 past it); it is read row by row.
BATCH_MAX_FILE_SIZE = env.int("BATCH_MAX_FILE_SIZE", default=50 * 1024 * 1024)  # noqa: F405
