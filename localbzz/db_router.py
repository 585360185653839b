"""Read replica (DESIGN §10): with ``DATABASE_REPLICA_URL`` set, safe reads of lists,
exports and reports go to the ``replica`` alias; everything else goes to ``default``.

Who reads from the replica is decided per request by :class:`ReplicaMiddleware`:

- a GET or HEAD whose route name matches ``REPLICA_READ_ROUTES`` (``api:*-list``,
  ``clients:list``, ``ops:usage`` ...), and
- whose caller (its ``Authorization`` header, else its session cookie, else its address)
  has not written in the last ``REPLICA_STICKY_SECONDS`` (read your own writes across
  requests: a replica lags its primary), and
- only until the request writes: after the first write, and inside any transaction on the
  primary, every read goes to the primary (read your own writes within a request). The
  bookkeeping of a request (``REPLICA_BOOKKEEPING_MODELS``: an API key's last use, a session)
  does not count as a write.

Celery tasks, management commands and the shell read from the primary unless they ask for
the replica with ``with replica_reads():``. Without a replica every alias is ``default``.
"""

from __future__ import annotations

import contextvars
import fnmatch
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.urls import Resolver404, resolve

REPLICA = "replica"
PRIMARY = "default"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# None: not reading from the replica; a dict {"wrote": bool}: replica reads until a write
_state: contextvars.ContextVar[dict | None] = contextvars.ContextVar("replica_reads", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads in this block go to the replica (when one is configured) until the first write."""
    token = _state.set({"wrote": False})
    try:
        yield
    finally:
        _state.reset(token)


def reading_from_replica() -> bool:
    state = _state.get()
    return bool(
        state is not None
        and not state["wrote"]
        and replica_configured()
        and not connections[PRIMARY].in_atomic_block
    )


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry: reads to the replica only inside :func:`replica_reads`."""

    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY:
            return PRIMARY  # a related object of a row read from the primary
        return REPLICA if reading_from_replica() else PRIMARY

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None and model._meta.label not in settings.REPLICA_BOOKKEEPING_MODELS:
            state["wrote"] = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # the replica holds the same rows as the primary
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def caller_key(request, session: str | None = None) -> str:
    """Who is asking,, without looking anyone up: a hash of the credentials the request
    carries (a token or API key, else the session cookie, else the client address)."""
    who = (
        request.META.get("HTTP_AUTHORIZATION")
        or session
        or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or request.META.get("REMOTE_ADDR", "")
    )
    return "lbz:wrote:" + hashlib.sha256(who.encode()).hexdigest()[:32]


def route_reads_from_replica(route: str) -> bool:
    """Whether ``route`` (``api:client-list``) matches ``REPLICA_READ_ROUTES`` and none of
    its ``!`` exclusions."""
    patterns = settings.REPLICA_READ_ROUTES
    if any(p[:1] == "!" and fnmatch.fnmatchcase(route, p[1:]) for p in patterns):
        return False
    return any(p[:1] != "!" and fnmatch.fnmatchcase(route, p) for p in patterns)


class ReplicaMiddleware:
    """Sends a request's reads to the replica when it is a safe read of a list or report
    by a caller who has not just written; remembers callers who write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            # this caller reads the primary for a while (a session just opened: by its cookie)
            keys = {caller_key(request)}
            if settings.SESSION_COOKIE_NAME in response.cookies:
                keys.add(caller_key(request, response.cookies[settings.SESSION_COOKIE_NAME].value))
            cache.set_many(dict.fromkeys(keys, 1), settings.REPLICA_STICKY_SECONDS)
            return response
        if not self.reads_from_replica(request):
            return self.get_response(request)
        with replica_reads():
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a template's lazy lists are read here, on the replica
            return response

    @staticmethod
    def reads_from_replica(request) -> bool:
        if not replica_configured():
            return False
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        if not route_reads_from_replica(match.view_name):
            return False
        return not cache.get(caller_key(request))  # a caller who just wrote reads the primary
