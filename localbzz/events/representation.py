"""What the events package knows of an entity, registered by its app.

A leaf of the events package. Each entity app registers, in its ``AppConfig.ready()``::

    register_entity(
        "shoots.shoot",
        serializer="shoots.api.serializers.ShootSerializer",  # the API representation
        url="shoots:detail",  # its staff page: a view name taking the pk, or a callable
        client_id=lambda shoot: shoot.client_id,  # whose the object is (default: .client_id)
    )
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.urls import reverse
from django.utils.module_loading import import_string


def _client_id_attribute(obj: Model):
    return getattr(obj, "client_id", None)


@dataclass
class Entity:
    label: str
    serializer: str | type
    client_id: Callable[[Model], Any] = _client_id_attribute
    url: str | Callable[[str], str] | None = None

    def page_url(self, object_id: str) -> str:
        if self.url is None:
            return ""
        if callable(self.url):
            return self.url(object_id)
        # the project's URLs, whatever host (the portal's) the current request came to
        return reverse(self.url, args=[object_id], urlconf=settings.ROOT_URLCONF)

    def serializer_class(self) -> type:
        if isinstance(self.serializer, str):
            self.serializer = import_string(self.serializer)
        return self.serializer


_entities: dict[str, Entity] = {}


def register_entity(
    model: type[Model] | str,
    *,
    serializer: str | type,
    client_id: Callable[[Model], Any] | None = None,
    url: str | Callable[[str], str] | None = None,
) -> None:
    """Registers how events represent ``model`` (its API serializer, a dotted path or the
    class), which client an object belongs to and the URL of an object's page."""
    label = model if isinstance(model, str) else model._meta.label_lower
    _entities[label] = Entity(label, serializer, client_id or _client_id_attribute, url)


def entity(label: str) -> Entity:
    try:
        return _entities[label]
    except KeyError:
        raise ImproperlyConfigured(
            f"No events registration for {label!r}: call register_entity() in its app's ready()."
        ) from None


def represent(obj: Model) -> dict:
    """Serialises ``obj`` with its API serializer, so events and the API agree."""
    serializer_class = entity(obj._meta.label_lower).serializer_class()
    return _jsonable(serializer_class(obj, context={"request": None}).data)


def client_id_of(obj: Model):
    """The client an object concerns (None: agency-internal, e.g. a webhook endpoint)."""
    registered = _entities.get(obj._meta.label_lower)
    return (registered.client_id if registered else _client_id_attribute)(obj)


def object_url(object_type: str, object_id: str) -> str:
    """The URL of an object's page, when its app registered one (else "")."""
    registered = _entities.get(object_type)
    return registered.page_url(object_id) if registered else ""


def _jsonable(value):
    """Turns serializer output (UUIDs, decimals, ordered dicts) into plain JSON values."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
