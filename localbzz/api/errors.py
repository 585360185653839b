"""The single API error body of DESIGN.md, for every 4xx and 5xx under /api/.

``{"error": {"code": "...", "message": "...", "details": {...}, "request_id": "..."}}``
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.csrf import csrf_exempt
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found as django_page_not_found
from django.views.defaults import permission_denied as django_permission_denied
from django.views.defaults import server_error as django_server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("localbzz.api")

_CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}
#: the database cannot be reached (down, restarting, connections dropped): a clean 503
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
UNAVAILABLE_MESSAGE = "The service is briefly unavailable; try again in a few seconds."
RETRY_AFTER_UNAVAILABLE = "5"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = UNAVAILABLE_MESSAGE
    default_code = "service_unavailable"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


def error_body(request, status_code: int, message: str, code: str | None = None, details=None):
    """The error envelope as a dict."""
    return {
        "error": {
            "code": code or _CODES.get(status_code, "error"),
            "message": message,
            "details": details or {},
            "request_id": getattr(request, "request_id", "") if request is not None else "",
        }
    }


def _django_validation_details(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in errors] for field, errors in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def _first_message(details) -> str:
    if isinstance(details, dict):
        for key, value in details.items():
            inner = _first_message(value)
            if inner:
                return inner if key in ("non_field_errors", "detail") else f"{key}: {inner}"
        return ""
    if isinstance(details, list):
        return _first_message(details[0]) if details else ""
    return str(details)


def exception_handler(exc, context):
    """DRF's handler, with Django's errors translated and every body in the envelope."""
    request = context.get("request")
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_details(exc))
    elif isinstance(exc, IntegrityError):
        logger.info("integrity error answered as 409: %s", exc)
        exc = Conflict()
    elif isinstance(exc, DATABASE_UNAVAILABLE):
        logger.warning("database unavailable, answered 503: %s", exc)
        exc = ServiceUnavailable()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("unhandled API error", exc_info=exc)
        if settings.DEBUG:
            return None
        body = error_body(request, 500, "Something went wrong on our side.")
        return Response(body, status=500)
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        details = data if isinstance(data, dict) else {"non_field_errors": data}
        message = _first_message(details) or "The request is invalid."
        code = "invalid"
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else data
        message = str(detail) if detail else response.status_text
        details = {k: v for k, v in data.items() if k != "detail"} if isinstance(data, dict) else {}
        code = _CODES.get(response.status_code) or getattr(detail, "code", None) or "error"
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            details = {"retry_after": int(exc.wait)}  # as the Retry-After header
    response.data = error_body(request, response.status_code, message, code, details)
    if isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = RETRY_AFTER_UNAVAILABLE
    return response


def json_error(request, status_code: int, message: str, code: str | None = None) -> JsonResponse:
    """An error envelope outside DRF (unknown /api/ paths, handler500)."""
    response = JsonResponse(error_body(request, status_code, message, code), status=status_code)
    response["API-Version"] = settings.API_VERSION
    return response


@csrf_exempt  # it changes nothing: a POST to an unknown path is a 404, not a CSRF page
def api_not_found(request, *args, **kwargs):
    """Any /api/ path that no route serves: 404 in the error body."""
    return json_error(request, 404, f"No API endpoint at {request.path}.")


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def server_error(request, *args, **kwargs):
    """handler500: JSON for /api/ paths, Django's page elsewhere; a 503 (no traceback, a
    ``Retry-After``) when the database cannot be reached."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        if _is_api(request):
            response = json_error(request, 503, UNAVAILABLE_MESSAGE, "service_unavailable")
        else:
            response = HttpResponse(
                f"<!doctype html><title>Unavailable</title><h1>{UNAVAILABLE_MESSAGE}</h1>",
                status=503,
            )
        response["Retry-After"] = RETRY_AFTER_UNAVAILABLE
        return response
    if _is_api(request):
        return json_error(request, 500, "Something went wrong on our side.")
    return django_server_error(request, *args, **kwargs)


def page_not_found(request, exception=None, *args, **kwargs):
    """handler404: JSON for /api/ paths, Django's page elsewhere."""
    if _is_api(request):
        return api_not_found(request)
    return django_page_not_found(request, exception, *args, **kwargs)


def bad_request(request, exception=None, *args, **kwargs):
    """handler400 (a bad Host header, a malformed body Django refuses): JSON under /api/."""
    if _is_api(request):
        return json_error(request, 400, "The request is malformed.")
    return django_bad_request(request, exception, *args, **kwargs)


def permission_denied(request, exception=None, *args, **kwargs):
    """handler403: JSON under /api/."""
    if _is_api(request):
        return json_error(request, 403, str(exception or "") or "Permission denied.")
    return django_permission_denied(request, exception, *args, **kwargs)


def csrf_failure(request, reason="", template_name=None):
    """``CSRF_FAILURE_VIEW``: the error body under /api/, Django's page elsewhere."""
    if _is_api(request):
        return json_error(request, 403, f"CSRF check failed: {reason}", "csrf_failed")
    return django_csrf_failure(request, reason=reason)
