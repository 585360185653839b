"""Import: every row validated by the API's own serializer and written by the services.

Two passes. The first validates every row (nothing is written) and names each bad one; any
error ends the import there. What the file names (its rows by id or natural key, related
objects by id, clients and people by human keys) is read for the whole file first, a query
per kind (``prefetch``), so validating a row costs no query of its own. The second pass
writes the rows through the services in one transaction: an update in a savepoint (one that
changes no field of the row is rolled back and counted ``unchanged``, so its events go too),
a new row without one; should the model or the database refuse a row, the pass is rolled
back and run again with a savepoint per row, to name every refused row. A dry run or any
refused row rolls back everything. The report is DESIGN.md §7's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field

import orjson
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers

from localbzz.accounts.permissions import Action, allows
from localbzz.events.services import rehearsal

from .collections import Collection
from .exporting import list_view
from .prefetch import Existing, Related, as_uuid, primed_serializer
from .references import References

_ABSENT = object()
_LISTS = (drf_fields.ListField, relations.ManyRelatedField, serializers.ListSerializer)
_DICTS = (drf_fields.DictField, drf_fields.JSONField)


class _Unchanged(Exception):
    """Rolls back the savepoint of an update that changed nothing."""


class _Retry(Exception):
    """A row was refused while writing without savepoints: write again, row by row."""


@dataclass
class Report:
    dry_run: bool
    totals: dict = field(
        default_factory=lambda: dict.fromkeys(
            ("rows", "created", "updated", "unchanged", "invalid"), 0
        )
    )
    errors: list = field(default_factory=list)

    def error(self, row: int, name: str, code: str, message: str) -> None:
        self.errors.append({"row": row, "field": name, "code": code, "message": message})

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "totals": self.totals, "errors": self.errors}


@dataclass
class _Row:
    number: int
    instance: object
    data: dict  # what the serializer hands the service (the serializer itself is not kept)
    new_id: uuid.UUID | None
    columns: list


class Importer:
    """One import of ``collection`` by the user of ``request`` (a DRF request)."""

    def __init__(self, collection: Collection, request, *, dry_run: bool, progress=None):
        self.collection = collection
        # called as progress(phase, rows done) after each row: a job's reporter (it may raise
        # to cancel; the import's transaction is then rolled back)
        self.progress = progress or (lambda phase, done: None)
        self.user = request.user
        self.view = list_view(collection, request)
        self.related = Related(self.user)
        self.serializer_class = primed_serializer(self.view.get_serializer_class(), self.related)
        self.context = self.view.get_serializer_context()
        self.fields = self.serializer_class(context=self.context).fields
        self.references = References(self.user)
        self.existing = Existing(
            collection.viewset.selector(user=self.user), collection.model, collection.natural_key
        )
        self.report = Report(dry_run=dry_run)

    def run(self, header: list[str], rows, flat: bool) -> Report:
        for name in header:
            if name not in self.fields:
                self.report.error(0, name, "unknown_column", f"Unknown column {name!r}.")
        prepared = []  # [number, id cell, data as the API would receive it, bad]
        for number, raw in enumerate(rows, 1):
            self.report.totals["rows"] += 1
            prepared.append([number, raw.get("id"), self._data(raw, flat), False])
        self._resolve_references(prepared)
        self._prime(prepared)
        planned = []
        for entry in prepared:
            number, pk, data, bad = entry
            row = None if bad else self._validate(number, pk, data)
            entry[2] = None  # the row's data is in its plan now
            self.progress("validating", number)
            if row is None:
                self.report.totals["invalid"] += 1
            else:
                planned.append(row)
        self.report.errors.sort(key=lambda e: e["row"])  # stable: a row's errors keep order
        if not self.report.errors:
            self._write(planned)
        return self.report

    # --- first pass: validation ------------------------------------------------------------

    def _data(self, raw: dict, flat: bool) -> dict:
        data = {}
        for name, value in raw.items():
            spec = self.fields.get(name)
            if spec is None or spec.read_only:
                continue
            value = self._cell(spec, value) if flat else value
            if value is not _ABSENT:
                data[name] = value
        return data

    def _resolve_references(self, prepared: list) -> None:
        """Human keys (a subdomain, an e-mail) become ids: each kind read once for the file."""
        references = self.collection.references
        for _, _, data, _ in prepared:
            for name, kind in references.items():
                if name in data:
                    self.references.collect(kind, data[name], name)
        self.references.prime()
        for entry in prepared:
            number, _, data, _ = entry
            before = len(self.report.errors)
            for name, kind in references.items():
                if name in data:
                    data[name] = self.references.resolve(
                        kind, data[name], number, name, self.report
                    )
            entry[3] = len(self.report.errors) > before

    def _prime(self, prepared: list) -> None:
        """The file's own objects and those its rows point at, read before validation."""
        wanted: dict = {}
        for field_name, (model, _) in getattr(self.serializer_class, "related_ids", {}).items():
            wanted.setdefault(model, set()).update(
                as_uuid(data.get(field_name)) for _, _, data, bad in prepared if not bad
            )
        for model, ids in wanted.items():
            self.related.prime(model, ids)
        key = self.collection.natural_key
        self.existing.prime(
            (as_uuid(pk) for _, pk, _, bad in prepared if not bad),
            (
                data[key].strip().lower()
                for _, _, data, bad in prepared
                if not bad and key and isinstance(data.get(key), str) and data[key].strip()
            ),
        )

    def _validate(self, number: int, pk, data: dict) -> _Row | None:
        before = len(self.report.errors)
        instance, new_id = self._existing(number, pk, data)
        if len(self.report.errors) > before:
            return None
        serializer = self.serializer_class(
            instance, data=data, partial=instance is not None, context=self.context
        )
        if not serializer.is_valid():
            self._serializer_errors(number, serializer.errors)
            return None
        return _Row(number, instance, serializer.service_data(), new_id, list(data))

    def _cell(self, spec, value):
        """A CSV / XLSX cell as the API would receive it in JSON."""
        if isinstance(value, dt.datetime):
            if isinstance(spec, drf_fields.DateTimeField):
                return value.isoformat() + ("" if value.tzinfo else "Z")
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        if isinstance(spec, _LISTS):
            if text.startswith("["):
                return _json(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        if isinstance(spec, _DICTS):
            return _json(text) if text else {}
        if text == "":
            if getattr(spec, "allow_null", False):
                return None
            if isinstance(spec, drf_fields.CharField):
                return ""
            return _ABSENT
        return value

    def _existing(self, number: int, pk, data: dict):
        """(the row's object or None, the id a new object gets or None)."""
        if pk not in (None, ""):
            try:
                pk = uuid.UUID(str(pk))
            except ValueError:
                self.report.error(number, "id", "invalid", "Must be a valid UUID.")
                return None, None
            instance, exists = self.existing.by_id(pk)
            if instance is None:
                if exists:
                    self.report.error(number, "id", "not_found", f"No object with id {pk}.")
                    return None, None
                return self._may_add(number), pk
            return self._may_change(number, instance), None
        key = self.collection.natural_key
        if key and isinstance(data.get(key), str) and data[key].strip():
            instance = self.existing.by_natural_key(data[key].strip().lower())
            if instance is not None:
                return self._may_change(number, instance), None
        return self._may_add(number), None

    def _may_add(self, number: int):
        if not allows(self.user, Action.ADD, self.collection.model):
            self.report.error(number, "", "permission_denied", "You may not create these.")
        return

    def _may_change(self, number: int, instance):
        if not allows(self.user, Action.CHANGE, instance):
            self.report.error(number, "", "permission_denied", "You may not change this row.")
        return instance

    def _serializer_errors(self, number: int, errors, path: str = "") -> None:
        """One report line per message, named by its path (``team[1].role``)."""
        if isinstance(errors, dict):
            for name, inner in errors.items():
                if name in ("non_field_errors", "detail"):
                    self._serializer_errors(number, inner, path)
                else:
                    self._serializer_errors(number, inner, f"{path}.{name}" if path else name)
        elif isinstance(errors, list):
            for index, inner in enumerate(errors):
                if isinstance(inner, (dict, list)):
                    self._serializer_errors(number, inner, f"{path}[{index}]")
                else:
                    self._serializer_errors(number, inner, path)
        else:
            code = getattr(errors, "code", None) or "invalid"
            self.report.error(number, path, code, str(errors))

    # --- second pass: writes -----------------------------------------------------------------

    def _write(self, planned: list[_Row]) -> None:
        """All rows in one transaction. First without a savepoint of our own around a new
        row (an update keeps one: an unchanged update is rolled back); at the first row
        the model or the database refuses, everything is rolled back and written again
        with a savepoint per row, so the report names every refused row."""
        try:
            self._write_all(planned, careful=False)
        except _Retry:
            totals = self.report.totals
            totals["created"] = totals["updated"] = totals["unchanged"] = 0
            self._reread([row for row in planned if row.instance is not None])
            self._write_all(planned, careful=True)

    def _reread(self, rows: list[_Row]) -> None:
        """The rolled-back pass changed these objects in memory: read them again."""
        selector = self.collection.viewset.selector(user=self.user)
        for start in range(0, len(rows), 5_000):
            chunk = rows[start : start + 5_000]
            fresh = selector.in_bulk([row.instance.pk for row in chunk])
            for row in chunk:
                row.instance = fresh[row.instance.pk]

    def _write_all(self, planned: list[_Row], *, careful: bool) -> None:
        totals = self.report.totals
        # a dry run is rolled back whatever happens: its events would be too (and cost
        # six queries a row: event, deliveries, representation, audit chain)
        quiet = rehearsal() if self.report.dry_run else nullcontext()
        with transaction.atomic(), quiet:
            for done, row in enumerate(planned, 1):
                self.progress("writing", done)
                try:
                    if careful or row.instance is not None:
                        with transaction.atomic():
                            totals[self._write_row(row)] += 1
                    else:
                        totals[self._write_row(row)] += 1
                except _Unchanged:
                    totals["unchanged"] += 1
                except (DjangoValidationError, IntegrityError) as exc:
                    if not careful:
                        raise _Retry from exc
                    if isinstance(exc, IntegrityError):
                        self.report.error(row.number, "", "conflict", str(exc).splitlines()[0])
                    else:
                        self._model_errors(row.number, exc)
            if self.report.errors:
                totals["invalid"] = len({e["row"] for e in self.report.errors})
                totals["created"] = totals["updated"] = totals["unchanged"] = 0
            if self.report.errors or self.report.dry_run:
                transaction.set_rollback(True)

    def _write_row(self, row: _Row) -> str:
        data = dict(row.data)
        actor = self.user
        if row.instance is None:
            if row.new_id is not None:
                data["id"] = row.new_id
            self.collection.create(actor=actor, **data)
            return "created"
        before = self._shown(row.instance, row.columns)  # as read for the whole file
        self.collection.update(row.instance, actor=actor, **data)
        if self._snapshot(row.instance.pk, row.columns) == before:
            raise _Unchanged
        return "updated"

    def _snapshot(self, pk, columns: list) -> dict:
        return self._shown(self.collection.viewset.selector(user=self.user).get(pk=pk), columns)

    def _shown(self, obj, columns: list) -> dict:
        data = self.serializer_class(obj, context=self.context).data
        return {name: data.get(name) for name in columns}

    def _model_errors(self, number: int, exc: DjangoValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                for error in errors:
                    label = "" if name == "__all__" else name
                    for message in error.messages:
                        self.report.error(number, label, error.code or "invalid", message)
        else:
            for message in exc.messages:
                self.report.error(number, "", "invalid", message)


def _json(text: str):
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return text  # the serializer names what it expected
