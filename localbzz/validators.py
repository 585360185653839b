"""Input limits every model field declares once, so every surface (API, forms, admin) agrees.

- ``bounded_text(n)``: a ``TextField`` of at most ``n`` characters. Django's ``TextField``
  passes ``max_length`` to its form field and DRF to its serializer field, but checks nothing
  in ``full_clean``; the validator makes the services (which all call ``full_clean``) refuse
  longer text too, whatever the surface.
- ``JSONValidator``: a JSON value that can be stored on SQLite and PostgreSQL and rendered back
  by orjson: bounded depth, container sizes, key and string lengths; no NUL (PostgreSQL's
  ``jsonb`` refuses it), no lone surrogate (orjson refuses to render it: every page that showed
  the row answered 500), integers within JavaScript's safe range, finite floats.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import orjson
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible

#: JavaScript's Number.MAX_SAFE_INTEGER: integers past it change on a browser's round trip
MAX_SAFE_INTEGER = 2**53 - 1


def bounded_text(max_length: int, **kwargs) -> models.TextField:
    """A ``TextField`` holding at most ``max_length`` characters, checked by ``full_clean``."""
    return models.TextField(
        max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs
    )


def text_problem(value: str) -> str | None:
    """Why a string cannot be stored as it is (NUL, a lone surrogate), or None."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an invalid character (a lone surrogate)"
    return None


class StrictJSONDecoder(json.JSONDecoder):
    """A JSON field's decoder (``models.JSONField(decoder=...)``): orjson's strict parser.

    A form (the admin's) that reads a lone surrogate or 1,024+ levels of nesting answers
    "Enter a valid JSON." and shows the text as typed, instead of failing to render it.
    (``orjson.JSONDecodeError`` is a ``json.JSONDecodeError``.)
    """

    def decode(self, s, *args, **kwargs):
        return orjson.loads(s)


@deconstructible
class JSONValidator:
    """Bounds a JSON field's value: depth, items, key and string lengths, storable text."""

    def __init__(self, max_depth=2, max_items=50, max_key_length=100, max_string_length=500):
        self.max_depth = max_depth
        self.max_items = max_items
        self.max_key_length = max_key_length
        self.max_string_length = max_string_length

    def __eq__(self, other):
        return isinstance(other, JSONValidator) and vars(self) == vars(other)

    def __call__(self, value) -> None:
        # Iterative, so a deeply nested value cannot raise RecursionError here either.
        stack = [(value, 1, "")]
        while stack:
            item, depth, where = stack.pop()
            if isinstance(item, (dict, list)):
                self._container(item, depth, where, stack)
            elif isinstance(item, str):
                self._string(item, where, self.max_string_length, "value")
            elif isinstance(item, bool) or item is None:
                continue
            elif isinstance(item, int):
                if abs(item) > MAX_SAFE_INTEGER:
                    self._fail(where, f"numbers are at most {MAX_SAFE_INTEGER} in size")
            elif isinstance(item, float):
                if item != item or item in (float("inf"), float("-inf")):
                    self._fail(where, "numbers must be finite")
            else:
                self._fail(where, f"{type(item).__name__} is not a JSON value")

    def _container(self, item, depth, where, stack) -> None:
        if depth > self.max_depth:
            self._fail(where, f"nesting is limited to {self.max_depth} levels")
        if len(item) > self.max_items:
            self._fail(where, f"at most {self.max_items} items")
        if isinstance(item, list):
            stack.extend((v, depth + 1, f"{where}[{i}]") for i, v in enumerate(item))
            return
        for key, v in item.items():
            if not isinstance(key, str):
                self._fail(where, "keys must be strings")
            self._string(key, where, self.max_key_length, "key")
            stack.append((v, depth + 1, f"{where}.{key}" if where else key))

    def _string(self, text: str, where: str, limit: int, what: str) -> None:
        problem = text_problem(text)
        if problem:
            self._fail(where, f"a {what} {problem}")
        if len(text) > limit:
            self._fail(where, f"a {what} is longer than {limit} characters")

    @staticmethod
    def _fail(where: str, message: str):
        # ``where`` names only characters already accepted (keys are checked before use).
        prefix = f"{where}: " if where and text_problem(where) is None else ""
        raise ValidationError(f"{prefix}{message}.", code="invalid_json")


def max_length_of(model, field_name: str) -> int:
    """A field's limit as its model defines it, for a form or serializer field that is not
    generated from the model (one limit per field, defined once)."""
    return model._meta.get_field(field_name).max_length


def textarea_of(model, field_name: str, *, label: str, rows: int = 3, **kwargs):
    """A multi-line form field for a model's text field that the form does not generate,
    with that field's limit (``max_length_of``)."""
    return forms.CharField(
        label=label,
        max_length=max_length_of(model, field_name),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


#: Google Drive and Docs addresses: what a link that claims to be one must look like
_GOOGLE_DOC_HOSTS = frozenset({"drive.google.com", "docs.google.com"})
_DRIVE_PATHS = (
    r"/file/d/[\w-]{10,}(/.*)?",
    r"/drive/(u/\d+/)?folders/[\w-]{10,}/?",
    r"/open",
    r"/(document|spreadsheets|presentation|forms)/d/[\w-]{10,}(/.*)?",
    r"/drive/(u/\d+/)?(my-drive|shared-drives|shared-with-me)/?",
)


def validate_drive_link(value: str) -> None:
    """A link on drive.google.com or docs.google.com (or one naming Google Drive in its host)
    must be an https link to a file, folder or document; any other URL passes unchanged."""
    if not value:
        return
    parts = urlsplit(value.strip())
    host = (parts.hostname or "").lower()
    claims = host in _GOOGLE_DOC_HOSTS or ("google" in host and ("drive" in host or "docs" in host))
    if not claims:
        return
    message = "Not a Google Drive link: use the file's or folder's Share link."
    if parts.scheme != "https" or host not in _GOOGLE_DOC_HOSTS or parts.port is not None:
        raise ValidationError(message, code="drive_link")
    if not any(re.fullmatch(pattern, parts.path) for pattern in _DRIVE_PATHS):
        raise ValidationError(message, code="drive_link")
    if parts.path == "/open" and not re.fullmatch(
        r"[\w-]{10,}", (parse_qs(parts.query).get("id") or [""])[0]
    ):
        raise ValidationError(message, code="drive_link")
