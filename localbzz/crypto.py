"""Field encryption at rest (DESIGN.md §9): Fernet keys from ``FIELD_ENCRYPTION_KEYS``.

- ``MultiFernet``: the first key encrypts, every key decrypts (``manage.py
  rotate_encryption_keys`` re-encrypts old rows under the first key). A value no key opens
  raises :class:`DecryptionError`: ciphertext is never shown as data.
- ``EncryptedTextField`` / ``EncryptedEmailField``: stored as Fernet tokens (random IV: equal
  values differ at rest). An e-mail field names a companion ``hash_field`` holding a keyed
  hash (HMAC-SHA256 with ``FIELD_HASH_KEY``, stable across key rotations) of the normalised
  address: ``exact`` / ``iexact`` / ``icontains`` on the field compare that hash, so a lookup
  or a search by e-mail finds whole addresses only. Other encrypted fields match no search
  term (a part of a name or phone cannot be searched).
- ``seal`` / ``unseal``: a value inside a JSON payload (events), stored as ``enc:<token>``.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import validators
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.db.models.expressions import Col
from django.db.models.lookups import Lookup

SEALED = "enc:"


class DecryptionError(ImproperlyConfigured):
    """No key of ``FIELD_ENCRYPTION_KEYS`` opens a stored value (a wrong or missing key)."""


@cache
def _fernets() -> tuple[MultiFernet, Fernet]:
    keys = list(getattr(settings, "FIELD_ENCRYPTION_KEYS", []) or [])
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: encrypted fields need a key.")
    try:
        fernets = [Fernet(k.encode() if isinstance(k, str) else k) for k in keys]
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "Each FIELD_ENCRYPTION_KEYS entry must be a Fernet key (32 url-safe base64 bytes)."
        ) from exc
    return MultiFernet(fernets), fernets[0]


def _forget(setting=None, **kwargs):
    if setting in ("FIELD_ENCRYPTION_KEYS", "FIELD_HASH_KEY", None):
        _fernets.cache_clear()


setting_changed.connect(_forget, dispatch_uid="crypto-keys")


def encrypt(text: str) -> str:
    return _fernets()[0].encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernets()[0].decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A stored value cannot be decrypted with any key of FIELD_ENCRYPTION_KEYS."
        ) from None


def under_primary_key(token: str) -> bool:
    """Whether ``token`` is already encrypted with the first key (rotation skips it)."""
    try:
        _fernets()[1].decrypt(token.encode())
        return True
    except InvalidToken:
        return False


def rotate(token: str) -> str:
    try:
        return _fernets()[0].rotate(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("A stored value cannot be decrypted with any key.") from None


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of the normalised (trimmed, lower-case) value; "" for an empty one."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    key = (getattr(settings, "FIELD_HASH_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def seal(value):
    """A payload value encrypted (``enc:<token>``); None and "" stay as they are."""
    if value in (None, ""):
        return value
    return SEALED + encrypt(str(value))


def unseal(value):
    """A payload (any JSON) with every sealed value decrypted."""
    if isinstance(value, str) and value.startswith(SEALED):
        return decrypt(value[len(SEALED) :])
    if isinstance(value, dict):
        return {k: unseal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unseal(v) for v in value]
    return value


def encrypted_field_names(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if getattr(f, "encrypted", False)}


class EncryptedTextField(models.TextField):
    """Text stored encrypted; ``max_length`` limits the plaintext (validation only)."""

    encrypted = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length:  # the plaintext's limit, checked by full_clean
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedEmailField(EncryptedTextField):
    """An encrypted e-mail address with a keyed-hash companion column (``hash_field``)."""

    default_validators = [validators.validate_email]

    def __init__(self, *args, hash_field: str = "", **kwargs):
        self.hash_field = hash_field
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["hash_field"] = self.hash_field
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if self.hash_field:
            setattr(model_instance, self.hash_field, keyed_hash(value or ""))
        return value

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class _HashMatch(Lookup):
    """``email``, ``email__iexact``, ``email__icontains``: the keyed hash of the whole address."""

    prepare_rhs = False

    def as_sql(self, compiler, connection):
        field = self.lhs.target
        column = Col(self.lhs.alias, field.model._meta.get_field(field.hash_field))
        sql, params = compiler.compile(column)
        return f"{sql} = %s", [*params, keyed_hash(str(self.rhs))]


class _NoMatch(Lookup):
    """A part of an encrypted value cannot be searched: the lookup matches no row."""

    prepare_rhs = False

    def as_sql(self, compiler, connection):
        return "1 = 0", []


for _name in ("exact", "iexact", "icontains"):
    EncryptedEmailField.register_lookup(
        type(f"Hash_{_name}", (_HashMatch,), {"lookup_name": _name})
    )
for _name in ("iexact", "icontains", "contains", "startswith", "istartswith"):
    EncryptedTextField.register_lookup(type(f"None_{_name}", (_NoMatch,), {"lookup_name": _name}))


def encrypt_plaintext_rows(model, schema_editor, fields: list[str], hashes: dict | None = None):
    """Migration helper: encrypts the plaintext values of ``fields`` (raw SQL, so historical
    models decrypt nothing) and fills the keyed-hash columns ``{field: hash_column}``."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    hashes = hashes or {}
    columns = [model._meta.get_field(f).column for f in fields]
    with connection.cursor() as cursor:
        names = ", ".join(map(quote, columns))
        cursor.execute(f"SELECT {quote(pk)}, {names} FROM {quote(table)}")  # noqa: S608
        rows = cursor.fetchall()
        for row in rows:
            update = {}
            for name, column, value in zip(fields, columns, row[1:], strict=True):
                if not value or value.startswith("gAAAAA"):
                    continue
                update[column] = encrypt(value)
                if name in hashes:
                    update[model._meta.get_field(hashes[name]).column] = keyed_hash(value)
            if update:
                sets = ", ".join(f"{quote(c)} = %s" for c in update)
                cursor.execute(
                    f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk)} = %s",  # noqa: S608
                    [*update.values(), row[0]],
                )


def seal_change(change):
    """A ``{"from", "to"}`` change (or a plain value) with its values sealed."""
    if isinstance(change, dict) and set(change) == {"from", "to"}:
        return {"from": seal(change["from"]), "to": seal(change["to"])}
    return seal(change)
