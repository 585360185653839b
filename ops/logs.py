"""Request context for log records: request id, user id, route (never an e-mail)."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

#: the request being served in this thread / task (set by RequestMetricsMiddleware)
current_request: ContextVar = ContextVar("localbzz_current_request", default=None)
#: in a Celery worker: the id of the request that queued the running task
task_request_id: ContextVar = ContextVar("localbzz_task_request_id", default=None)
#: the message header that carries it from the web process to the worker
HEADER = "localbzz_request_id"


def request_id_now() -> str | None:
    """The id of the request being served, or of the one that queued the running task."""
    request = current_request.get()
    if request is not None:
        return getattr(request, "request_id", None)
    return task_request_id.get()


def stamp_message(headers=None, **kwargs) -> None:
    """Celery ``before_task_publish``: a task queued while serving a request carries its id."""
    request_id = request_id_now()
    if request_id and headers is not None:
        headers.setdefault(HEADER, request_id)


def task_started(task=None, **kwargs) -> None:
    """Celery ``task_prerun``: the worker's log lines for this task carry that id."""
    request = getattr(task, "request", None)
    task_request_id.set(getattr(request, HEADER, None) if request is not None else None)


def task_finished(**kwargs) -> None:
    """Celery ``task_postrun``."""
    task_request_id.set(None)


def user_id_of(request) -> str | None:
    """The signed-in user's id, without loading the user only to log it."""
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)  # SimpleLazyObject until first read
    if wrapped is None or type(wrapped).__name__ == "object":
        return None
    pk = getattr(wrapped, "pk", None)
    return str(pk) if pk is not None else None


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user_id`` to every record logged while a request is served
    (values already on the record, as the request log line sets them, are kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django's request loggers pass the request itself (after the middleware is done)
        request = getattr(record, "request", None) or current_request.get()
        if request is not None:
            if not hasattr(record, "request_id"):
                record.request_id = getattr(request, "request_id", None)
            if not hasattr(record, "user_id"):
                record.user_id = user_id_of(request)
        elif not hasattr(record, "request_id") and task_request_id.get():
            record.request_id = task_request_id.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    """python-json-logger's formatter, one object per line, without the ``request`` object
    Django's loggers attach (its repr has the full URL, query string included)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)
