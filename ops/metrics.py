"""Prometheus metrics (``/metrics``).

Process-local counters and histograms (requests, queries, webhook attempts, Celery tasks,
websockets) live in prometheus-client's default registry; under gunicorn
``PROMETHEUS_MULTIPROC_DIR`` makes every worker write them to shared files, summed at
scrape time (deploy/gunicorn.conf.py marks dead workers). Values that the database knows
for every process at once (webhook deliveries by status, their queue) are read at scrape
time by ``DatabaseCollector``.
"""

from __future__ import annotations

import os
from datetime import timedelta

from django.db.models import Count, Max
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "localbzz_http_requests",
    "HTTP requests by route name, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "localbzz_http_request_duration_seconds",
    "HTTP request latency by route name and status.",
    ["route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
QUERIES = Histogram(
    "localbzz_db_queries_per_request",
    "SQL queries run by one HTTP request, by route name.",
    ["route"],
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100),
)
WEBHOOK_ATTEMPTS = Counter(
    "localbzz_webhook_attempts",
    "Webhook HTTP attempts by outcome (success: a 2xx answer).",
    ["outcome"],
)
CELERY_TASKS = Counter(
    "localbzz_celery_tasks",
    "Celery tasks finished in this process, by task and outcome.",
    ["task", "outcome"],
)
WEBSOCKETS = Gauge(
    "localbzz_websockets_open",
    "Live websocket connections accepted and not yet closed.",
    multiprocess_mode="livesum",
)


class DatabaseCollector:
    """Webhook deliveries by status (``pending`` is the queue) and due deliveries, from the
    database, so every process reports the same numbers."""

    def collect(self):
        from django.utils import timezone

        from localbzz.events.models import WebhookDelivery

        by_status = GaugeMetricFamily(
            "localbzz_webhook_deliveries", "Webhook deliveries by status.", labels=["status"]
        )
        rows = WebhookDelivery.objects.order_by().values("status").annotate(n=Count("pk"))
        counts = {row["status"]: row["n"] for row in rows}
        for status in ("pending", "succeeded", "failed", "abandoned"):
            by_status.add_metric([status], counts.get(status, 0))
        yield by_status
        due = WebhookDelivery.objects.due(timezone.now()).count()
        yield GaugeMetricFamily(
            "localbzz_webhook_queue_due", "Pending webhook deliveries whose attempt is due.", due
        )
        yield from batch_metrics(timezone.now())


def batch_metrics(now):
    """Import jobs by status, the age of the oldest queued one, and per scheduled job its
    last success and its failures in the last day. The batch app is looked up by name (the
    top floor imports no other top-floor package); without it nothing is reported."""
    from django.apps import apps

    try:
        jobs = apps.get_model("batch", "BatchJob")
        runs = apps.get_model("batch", "JobRun")
    except LookupError:
        return
    by_status = GaugeMetricFamily(
        "localbzz_batch_jobs", "Import jobs by status.", labels=["status"]
    )
    counts = dict(jobs.objects.order_by().values_list("status").annotate(n=Count("pk")))
    for status in ("queued", "running", "succeeded", "failed", "cancelled"):
        by_status.add_metric([status], counts.get(status, 0))
    yield by_status
    oldest = (
        jobs.objects.filter(status="queued")
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    yield GaugeMetricFamily(
        "localbzz_batch_job_oldest_queued_seconds",
        "Age of the oldest import job still queued (0 when none waits).",
        (now - oldest).total_seconds() if oldest else 0,
    )
    last_success = GaugeMetricFamily(
        "localbzz_scheduled_job_last_success_timestamp_seconds",
        "When each scheduled job last finished successfully (Unix time).",
        labels=["job"],
    )
    rows = runs.objects.filter(outcome="succeeded").order_by().values("job")
    for row in rows.annotate(at=Max("finished_at")):
        if row["at"] is not None:
            last_success.add_metric([row["job"]], row["at"].timestamp())
    yield last_success
    failed = GaugeMetricFamily(
        "localbzz_scheduled_job_failures_24h",
        "Failed runs of each scheduled job in the last 24 hours.",
        labels=["job"],
    )
    rows = runs.objects.filter(outcome="failed", started_at__gte=now - timedelta(days=1))
    for row in rows.order_by().values("job").annotate(n=Count("pk")):
        failed.add_metric([row["job"]], row["n"])
    yield failed


def exposition() -> tuple[bytes, str]:
    """The scrape body and its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    database = CollectorRegistry()
    database.register(DatabaseCollector())
    return generate_latest(registry) + generate_latest(database), CONTENT_TYPE_LATEST


# --- Signals -------------------------------------------------------------------------------
def _attempt_saved(sender, instance, created, **kwargs):
    if created:
        ok = instance.status_code is not None and 200 <= instance.status_code < 300
        WEBHOOK_ATTEMPTS.labels(outcome="success" if ok else "failure").inc()


def _task_outcome(outcome):
    def receiver(sender=None, **kwargs):
        CELERY_TASKS.labels(task=getattr(sender, "name", str(sender)), outcome=outcome).inc()

    return receiver


_TASK_RECEIVERS = {name: _task_outcome(name) for name in ("success", "failure", "retry")}


def connect() -> None:
    """Connects the receivers (``OpsConfig.ready``)."""
    from celery import signals as celery_signals
    from django.db.models.signals import post_save

    from localbzz.events.consumers import LiveConsumer
    from localbzz.events.models import WebhookAttempt

    post_save.connect(_attempt_saved, sender=WebhookAttempt, dispatch_uid="ops-webhook-attempt")
    celery_signals.task_success.connect(_TASK_RECEIVERS["success"], weak=False)
    celery_signals.task_failure.connect(_TASK_RECEIVERS["failure"], weak=False)
    celery_signals.task_retry.connect(_TASK_RECEIVERS["retry"], weak=False)
    _count_websockets(LiveConsumer)
    # the request id travels with the tasks a request queues, into the worker's log lines
    from . import logs

    celery_signals.before_task_publish.connect(logs.stamp_message, weak=False)
    celery_signals.task_prerun.connect(logs.task_started, weak=False)
    celery_signals.task_postrun.connect(logs.task_finished, weak=False)


def _count_websockets(consumer_class) -> None:
    """Wraps the live consumer's accept and disconnect to count open connections (the
    kernel stays free of metrics; this app plugs in, as DESIGN §1 has apps do)."""
    if getattr(consumer_class, "_ops_counted", False):
        return
    accept, disconnect = consumer_class.accept, consumer_class.websocket_disconnect

    async def counted_accept(self, *args, **kwargs):
        await accept(self, *args, **kwargs)
        if not getattr(self, "_ops_open", False):
            self._ops_open = True
            WEBSOCKETS.inc()

    async def counted_disconnect(self, message):
        if getattr(self, "_ops_open", False):
            self._ops_open = False
            WEBSOCKETS.dec()
        await disconnect(self, message)

    consumer_class.accept = counted_accept
    consumer_class.websocket_disconnect = counted_disconnect
    consumer_class._ops_counted = True
