"""``manage.py rotate_encryption_keys``: re-encrypts every encrypted value under the first key
of ``FIELD_ENCRYPTION_KEYS`` (encrypted model fields, and ``enc:`` values in event payloads),
in batches of ``--batch-size`` rows, each batch its own transaction. Values already under the
first key are skipped, so an interrupted run is resumed by running it again. Afterwards the
old keys may be removed from ``FIELD_ENCRYPTION_KEYS``.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from localbzz.crypto import SEALED, rotate, under_primary_key
from localbzz.events.models import Event


def _rotate_json(value):
    if isinstance(value, str) and value.startswith(SEALED):
        token = value[len(SEALED) :]
        return value if under_primary_key(token) else SEALED + rotate(token)
    if isinstance(value, dict):
        return {k: _rotate_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rotate_json(v) for v in value]
    return value


def _rotate_token(value):
    if not value or under_primary_key(value):
        return value
    return rotate(value)


class Command(BaseCommand):
    help = "Re-encrypts encrypted fields under the first key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
            if fields:
                n = self._table(model, [f.column for f in fields], _rotate_token, batch_size)
                self.stdout.write(f"{model._meta.label}: {n} rows re-encrypted")
        n = self._json(Event, "data", batch_size)
        self.stdout.write(f"{Event._meta.label}: {n} payloads re-encrypted")

    def _table(self, model, columns, convert, batch_size) -> int:
        quote = connection.ops.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        names = ", ".join(map(quote, columns))
        last, changed = None, 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = f"WHERE {pk} > %s " if last is not None else ""
                cursor.execute(
                    f"SELECT {pk}, {names} FROM {table} {where}ORDER BY {pk} LIMIT %s",  # noqa: S608
                    [last, batch_size] if last is not None else [batch_size],
                )
                rows = cursor.fetchall()
                for row in rows:
                    new = [convert(v) for v in row[1:]]
                    if new != list(row[1:]):
                        sets = ", ".join(f"{quote(c)} = %s" for c in columns)
                        cursor.execute(
                            f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608
                            [*new, row[0]],
                        )
                        changed += 1
            if len(rows) < batch_size:
                return changed
            last = rows[-1][0]

    def _json(self, model, field, batch_size) -> int:
        changed, last = 0, None
        qs = (
            model._base_manager.annotate(_text=Cast(field, TextField()))
            .filter(_text__contains=SEALED)
            .order_by("pk")
        )
        while True:
            with transaction.atomic():
                page = qs.filter(pk__gt=last) if last is not None else qs
                rows = list(page.values_list("pk", field)[:batch_size])
                for pk, value in rows:
                    new = _rotate_json(value)
                    if new != value:
                        model._base_manager.filter(pk=pk).update(**{field: new})
                        changed += 1
            if len(rows) < batch_size:
                return changed
            last = rows[-1][0]
