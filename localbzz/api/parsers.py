"""The JSON body parser of the API, on orjson.

Strict where the standard library is lenient, so that what a caller sends can always be
stored and rendered again: a lone surrogate (``"\\udc00"``), ``NaN``/``Infinity`` and nesting
deeper than orjson's limit (1,024 levels; the standard library raised ``RecursionError``, a
500) are a 400 ``Invalid JSON`` before any view code runs.
"""

from __future__ import annotations

import codecs

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ORJSONParser(JSONParser):
    """``application/json`` bodies, parsed with orjson."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read() if stream is not None else b""
        try:
            if codecs.lookup(encoding).name != "utf-8":
                raw = raw.decode(encoding).encode("utf-8")
            return orjson.loads(raw)
        except (orjson.JSONDecodeError, UnicodeError, LookupError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
