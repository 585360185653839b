"""OpenAPI hooks: the guide's paths (no trailing slash), the error body on every operation."""

from __future__ import annotations

import re

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details", "request_id"],
            "properties": {
                "code": {"type": "string", "example": "not_found"},
                "message": {"type": "string", "example": "Not found."},
                "details": {"type": "object", "additionalProperties": True},
                "request_id": {"type": "string", "example": "4f1c0e5b9d7a4c2e8f3b6a1d0c9e8f7a"},
            },
        }
    },
}

_ERRORS = {
    "400": "Invalid input: `details` maps each field to its messages.",
    "401": "Not signed in or the token is invalid or expired.",
    "403": "Signed in, but this role may not do this.",
    "404": "No such object, or one this user may not see.",
    "405": "Method not allowed on this path.",
    "406": "Unsupported API version in the Accept header.",
    "409": "Conflicts with the current state.",
    "413": "The request body is too large.",
    "414": "The URL is too long (answered by the HTTP server, before the API).",
    "415": "Unsupported content type.",
    "429": "Rate limited; retry after `Retry-After` seconds.",
    "500": "Server error.",
}

_OPTIONAL = re.compile(r"/\?\$?$")


def preprocess(endpoints):
    """Drops the catch-all route; documents each path without its trailing slash."""
    result = []
    for path, path_regex, method, callback in endpoints:
        if path_regex.endswith("^.*$") or path.rstrip("/") == "/api":
            continue
        if path.endswith("/") and path != "/":
            path = path.rstrip("/")
        result.append((path, path_regex, method, callback))
    return result


def postprocess(result, generator, request, public):
    """Adds the error body component and the error responses to every operation."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in _ERRORS.items():
                if code in responses:
                    continue
                response = {
                    "description": description,
                    "content": {"application/json": {"schema": ref}},
                }
                if code == "414":
                    # Answered by the HTTP server (gunicorn, the proxy) before Django runs.
                    response["content"] = {"text/html": {"schema": {"type": "string"}}}
                if code == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds."}
                    }
                responses[code] = response
    return result


try:  # the events area's envelope serializer is not introspectable: describe it here
    from drf_spectacular.extensions import OpenApiSerializerExtension

    class EventEnvelopeExtension(OpenApiSerializerExtension):
        """The event envelope of DESIGN.md §1 (``localbzz.events``' EventSerializer)."""

        target_class = "localbzz.events.api.serializers.EventSerializer"

        def get_name(self, auto_schema=None, direction=None):
            return "Event"

        def map_serializer(self, auto_schema, direction):
            return {
                "type": "object",
                "required": ["id", "type", "occurred_at", "actor", "data"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "type": {"type": "string", "example": "deliverable.status_changed"},
                    "occurred_at": {"type": "string", "format": "date-time"},
                    "actor": {"type": "object", "nullable": True, "additionalProperties": True},
                    "data": {
                        "type": "object",
                        "properties": {
                            "object": {"type": "object", "additionalProperties": True},
                            "changes": {"type": "object", "additionalProperties": True},
                        },
                        "additionalProperties": True,
                    },
                },
                "additionalProperties": True,
            }
except ImportError:  # pragma: no cover
    pass
