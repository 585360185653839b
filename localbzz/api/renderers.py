"""A JSON renderer on orjson (several times faster than the standard library on lists)."""

from __future__ import annotations

from decimal import Decimal

import orjson
from rest_framework.renderers import JSONRenderer


def _default(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


class ORJSONRenderer(JSONRenderer):
    """Renders ``application/json`` with orjson."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(
            data, default=_default, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z
        )
