"""Batch import / export and scheduled jobs (DESIGN.md §7, §8)."""

from .files import *  # noqa: F403

# --- Batch ---------------------------------------------------------------------------------
# The largest file /api/<collection>/import takes (413 past it); it is read row by row.
BATCH_MAX_FILE_SIZE = env.int("BATCH_MAX_FILE_SIZE", default=50 * 1024 * 1024)  # noqa: F405

# --- Scheduled jobs ------------------------------------------------------------------------
# Under `manage.py runserver` on the embedded defaults (eager Celery, no broker: `make run`)
# the beat schedule runs in-process, in one thread of the serving process. Production runs
# `celery beat` instead; this turns the in-process schedule on or off explicitly.
SCHEDULER_IN_PROCESS = env.bool(  # noqa: F405
    "SCHEDULER_IN_PROCESS",
    default=CELERY_TASK_ALWAYS_EAGER,  # noqa: F405
)
SCHEDULER_TICK_SECONDS = env.float("SCHEDULER_TICK_SECONDS", default=5.0)  # noqa: F405
# Set by runserver's autoreloader in the process that serves (Django's own variable).
RUNSERVER_CHILD = env.bool("RUN_MAIN", default=False)  # noqa: F405
