"""The schedule run in-process, for ``manage.py runserver`` on the embedded defaults.

Production runs ``celery beat``. A fresh machine (``make run``: SQLite, eager Celery, no
broker) has no beat, so webhook retries, reminders and the planner would never run; there
``BatchConfig.ready()`` starts one daemon thread in runserver's serving process (not in the
autoreloader's watcher) that runs each due job of the same ``CELERY_BEAT_SCHEDULE`` inline.
``SCHEDULER_IN_PROCESS`` turns it off (it is off whenever a broker is configured).
"""

from __future__ import annotations

import logging
import sys
import threading

from celery.schedules import schedule as every
from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.db.models import Max
from django.utils import timezone

from .models import JobRun
from .schedule import jobs, run_now, schedule_of

logger = logging.getLogger("localbzz.jobs")


class InProcessScheduler:
    """Beat's decision, run by hand: each entry runs when its interval has passed since its
    last run (recorded runs count, so a restart does not run everything again)."""

    def __init__(self, now=None):
        now = now or timezone.now()
        try:
            last = dict(JobRun.objects.values_list("job").annotate(at=Max("started_at")))
        except DatabaseError:  # not migrated yet
            last = {}
        self.last = {}
        for name, entry in jobs().items():
            sched = schedule_of(entry)
            default = now - sched.run_every if isinstance(sched, every) else now
            self.last[name] = last.get(name) or default

    def due(self, now) -> list[str]:
        names = []
        for name, entry in jobs().items():
            sched = schedule_of(entry)
            last = self.last.setdefault(name, now)
            if isinstance(sched, every):
                if now - last >= sched.run_every:
                    names.append(name)
            elif sched.is_due(last).is_due:
                names.append(name)
        return names

    def tick(self, now=None) -> list[str]:
        """Runs every due job once, inline; returns their names."""
        now = now or timezone.now()
        ran = self.due(now)
        for name in ran:
            self.last[name] = now
            try:
                run_now(name, trigger="schedule")
            except Exception:  # recorded as a failed run; the schedule goes on
                logger.exception("scheduled job %s failed", name)
        return ran


def serving_runserver() -> bool:
    """Whether this process serves ``manage.py runserver`` (the reloader's child, or the only
    process with ``--noreload``), rather than watching files or running another command."""
    argv = sys.argv
    if len(argv) < 2 or argv[1] != "runserver":
        return False
    return settings.RUNSERVER_CHILD or "--noreload" in argv


def start(stop: threading.Event | None = None) -> threading.Thread:
    stop = stop or threading.Event()

    def loop():
        scheduler = None
        while not stop.wait(settings.SCHEDULER_TICK_SECONDS):
            try:
                close_old_connections()  # as a request would: a broken connection goes
                scheduler = scheduler or InProcessScheduler()
                scheduler.tick()
            except DatabaseError:
                logger.warning("in-process schedule: database not ready", exc_info=True)
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="localbzz-schedule", daemon=True)
    thread.start()
    logger.info("in-process schedule started (%d jobs)", len(jobs()))
    return thread
