"""Ops middleware: the probe and scrape endpoints, and the measure of every request."""

from __future__ import annotations

import hmac
import json
import logging
import time

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse

from . import health, metrics, usage
from .logs import current_request, user_id_of

request_log = logging.getLogger("localbzz.requests")


class OpsEndpointsMiddleware:
    """``/health/live``, ``/health/ready`` and ``/metrics``, answered first: probes and
    scrapers reach a process by its address (no allowed host) over plain HTTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path == "/health/live":
            return self._json({"status": "ok", "version": settings.LOCALBZZ_VERSION}, 200)
        if path == "/health/ready":
            healthy, checks = health.run_checks()
            body = {"status": "ok" if healthy else "fail", "checks": checks}
            return self._json(body, 200 if healthy else 503)
        if path == "/metrics":
            return self._metrics(request)
        return self.get_response(request)

    @staticmethod
    def _json(body: dict, status: int) -> HttpResponse:
        response = JsonResponse(body, status=status)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _metrics(request) -> HttpResponse:
        token = settings.METRICS_TOKEN
        if not token:  # metrics are off: nothing is there
            return HttpResponse(status=404)
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
            response = HttpResponse(
                json.dumps({"error": "a bearer token is required"}),
                status=401,
                content_type="application/json",
            )
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return response
        body, content_type = metrics.exposition()
        return HttpResponse(body, content_type=content_type)


class RequestMetricsMiddleware:
    """Counts and times every request by route name and status, counts its SQL queries,
    and writes one log line (request id, user id, route, status, duration)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        try:
            with connection.execute_wrapper(count):
                response = self.get_response(request)
            duration = time.perf_counter() - started
            self._record(request, response, duration, queries[0])
        finally:
            current_request.reset(token)
        return response

    @staticmethod
    def _record(request, response, duration: float, queries: int) -> None:
        match = request.resolver_match
        route = match.view_name if match is not None and match.view_name else "unmatched"
        status = str(response.status_code)
        metrics.REQUESTS.labels(route=route, method=request.method, status=status).inc()
        metrics.LATENCY.labels(route=route, status=status).observe(duration)
        metrics.QUERIES.labels(route=route).observe(queries)
        user_id = user_id_of(request)
        try:
            usage.record(request, response.status_code, duration * 1000, route, user_id)
        except Exception:  # statistics never fail a request (Redis down: the probe says so)
            request_log.warning("usage counters not recorded", exc_info=True)
        request_log.info(
            "%s %s %s",
            request.method,
            route,
            status,
            extra={
                "request_id": getattr(request, "request_id", None),
                "user_id": user_id,
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 2),
                "queries": queries,
            },
        )
