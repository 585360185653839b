"""Batch import / export and scheduled jobs (DESIGN.md §7, §8)."""

from celery.schedules import crontab

from .files import *  # noqa: F403

# --- Batch ---------------------------------------------------------------------------------
# The largest file /api/<collection>/import takes (413 past it); it is read row by row.
BATCH_MAX_FILE_SIZE = env.int("BATCH_MAX_FILE_SIZE", default=50 * 1024 * 1024)  # noqa: F405
# A file of more rows than this is imported by a Celery job (202, /api/batch-jobs/:id).
BATCH_INLINE_ROWS = env.int("BATCH_INLINE_ROWS", default=500)  # noqa: F405

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

# Reminders: a portal request still New this many hours after it arrived reminds the staff.
REQUEST_FIRST_RESPONSE_HOURS = env.int("REQUEST_FIRST_RESPONSE_HOURS", default=4)  # noqa: F405
# Request SLAs (dashboard/sla.py): hours to the first staff answer and to Done, by priority;
# 0 starts no clock. A scheduled check notifies the staff of each breach once.
REQUEST_SLA_HOURS = {
    "Urgent": {
        "first_response": env.int("REQUEST_SLA_URGENT_RESPONSE_HOURS", default=2),  # noqa: F405
        "resolution": env.int("REQUEST_SLA_URGENT_RESOLUTION_HOURS", default=24),  # noqa: F405
    },
    "Normal": {
        "first_response": env.int("REQUEST_SLA_NORMAL_RESPONSE_HOURS", default=0),  # noqa: F405
        "resolution": env.int("REQUEST_SLA_NORMAL_RESOLUTION_HOURS", default=0),  # noqa: F405
    },
}
# The monthly planner job applies next month's cadence plan of every Monthly / Quarterly
# active client only when this is on (the plan is always there to preview and apply by hand).
PLANNER_AUTO_APPLY = env.bool("PLANNER_AUTO_APPLY", default=False)  # noqa: F405
# The data cleanup reads phone numbers written without a country code as of this region.
CLEANUP_PHONE_REGION = env.str("CLEANUP_PHONE_REGION", default="US")  # noqa: F405
# Housekeeping deletes sign-in lockout records older than this.
HOUSEKEEPING_LOCKOUT_DAYS = env.int("HOUSEKEEPING_LOCKOUT_DAYS", default=30)  # noqa: F405

CELERY_BEAT_SCHEDULE["dashboard-request-slas"] = {  # noqa: F405
    "task": "dashboard.jobs.check_request_slas",
    "schedule": crontab(minute="*/15"),
}
CELERY_BEAT_SCHEDULE["batch-reminders"] = {  # noqa: F405
    "task": "batch.jobs.send_reminders",
    "schedule": crontab(minute=0, hour=7),
}
CELERY_BEAT_SCHEDULE["batch-plan-next-month"] = {  # noqa: F405
    "task": "batch.jobs.plan_next_month",
    "schedule": crontab(minute=30, hour=6, day_of_month=20),
}
CELERY_BEAT_SCHEDULE["batch-housekeeping"] = {  # noqa: F405
    "task": "batch.jobs.housekeeping",
    "schedule": crontab(minute=15, hour=3),
}
CELERY_BEAT_SCHEDULE["batch-cleanup"] = {  # noqa: F405
    "task": "batch.jobs.cleanup_report",
    "schedule": crontab(minute=45, hour=3),
}
