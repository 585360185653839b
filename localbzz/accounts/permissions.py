"""Who may see or change what: the permission matrix of DESIGN.md, written once.

This module holds the machinery (``Action``, the ``Policy`` base, ``scope`` / ``allows``, the
role helpers), the policies of the kernel's own models and a registry: each entity app
declares its policies in ``<app>/policies.py`` and registers them in ``AppConfig.ready()``
with ``register_policy("<app_label>.<model>", SomePolicy())``. A model nobody registered is
admin-only. Each model has one policy with two methods:

- ``scope(queryset, user, action)`` narrows a queryset to the rows ``user`` may act on;
- ``allows(user, action, obj=None)`` answers for one object (or, without one, for the kind).

HTML views, API viewsets, websocket consumers, exports and broadcast recipients all call
these. Hidden and missing objects look the same to callers: they answer 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.db.models import Model, QuerySet

if TYPE_CHECKING:
    from localbzz.accounts.models import User


class Action:
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    APPROVE = "approve"  # form submissions
    REVIEW = "review"  # a client's approve / request-changes on a deliverable

    HTTP_METHODS: ClassVar[dict[str, str]] = {
        "GET": VIEW,
        "HEAD": VIEW,
        "OPTIONS": VIEW,
        "POST": ADD,
        "PUT": CHANGE,
        "PATCH": CHANGE,
        "DELETE": DELETE,
    }

    @classmethod
    def for_method(cls, method: str) -> str:
        return cls.HTTP_METHODS.get(method.upper(), cls.CHANGE)


def _role(user) -> str | None:
    """``admin``, ``team``, ``client`` or ``None`` for anonymous and inactive users."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_admin:
        return "admin"
    return user.role


class Policy:
    """The default policy: admins may do anything, nobody else anything."""

    #: actions allowed per role on every row of the model (None = anonymous)
    grants: ClassVar[dict[str | None, set[str]]] = {"admin": {"view", "add", "change", "delete"}}
    #: path from the model to its client, for client users' "own" rows
    client_path: ClassVar[str | None] = None
    #: actions a client user may take on its own client's rows
    client_actions: ClassVar[set[str]] = set()

    def role_allows(self, user, action: str) -> bool:
        role = _role(user)
        if role == "client":
            return action in self.client_actions
        return action in self.grants.get(role, set())

    def scope(self, queryset: QuerySet, user, action: str = Action.VIEW) -> QuerySet:
        role = _role(user)
        if role == "client":
            if action not in self.client_actions or self.client_path is None:
                return queryset.none()
            return queryset.filter(**{self.client_path: user.client_id})
        if action in self.grants.get(role, set()):
            return queryset
        return queryset.none()

    def allows(self, user, action: str, obj: Model | None = None) -> bool:
        if not self.role_allows(user, action):
            return False
        if obj is None:
            return True
        if _role(user) == "client":
            return self.client_id_of(obj) == user.client_id
        return True

    def client_id_of(self, obj: Model):
        """The id of the client that ``obj`` belongs to, following ``client_path``."""
        if self.client_path is None:
            return None
        value = obj
        parts = self.client_path.split("__")
        for part in parts[:-1]:
            value = getattr(value, part, None)
            if value is None:
                return None
        last = parts[-1]
        return getattr(value, f"{last}_id", None) if last != "id" else value.pk


STAFF_ALL = {"view", "add", "change", "delete"}


class AdminOnlyPolicy(Policy):
    """Users, webhooks and the audit log: admins only."""


class EventPolicy(Policy):
    """Events: staff see all; a client user sees its own client's client-visible events."""

    grants: ClassVar = {"admin": {"view"}, "team": {"view"}}
    client_path = "client"
    client_actions: ClassVar = {"view"}

    def scope(self, queryset, user, action=Action.VIEW):
        qs = super().scope(queryset, user, action)
        if _role(user) == "client":
            qs = qs.filter(client_visible=True)
        return qs

    def allows(self, user, action, obj=None):
        if _role(user) == "client" and obj is not None and not obj.client_visible:
            return False
        return super().allows(user, action, obj)

    def client_audience(self, event) -> list:
        """Ids of the clients whose users may see ``event`` (live broadcast recipients)."""
        return [event.client_id] if event.client_visible and event.client_id else []


class NotificationPolicy(Policy):
    """Notifications: each signed-in user sees and marks only its own."""

    def role_allows(self, user, action):
        return _role(user) is not None and action in {"view", "change"}

    def scope(self, queryset, user, action=Action.VIEW):
        if not self.role_allows(user, action):
            return queryset.none()
        return queryset.filter(user_id=user.pk)

    def allows(self, user, action, obj=None):
        if not self.role_allows(user, action):
            return False
        return obj is None or obj.user_id == user.pk


# The kernel's own models; every entity app registers its policies in ``AppConfig.ready()``
# (``register_policy``), so this module names no app.
_POLICIES: dict[str, Policy] = {
    "events.event": EventPolicy(),
    "events.webhookendpoint": AdminOnlyPolicy(),
    "events.webhookdelivery": AdminOnlyPolicy(),
    "events.webhookattempt": AdminOnlyPolicy(),
    "events.notification": NotificationPolicy(),
}
_DEFAULT = AdminOnlyPolicy()


def policy_for(model: type[Model] | Model) -> Policy:
    """The policy of a model class or instance (admin-only when none is registered)."""
    return _POLICIES.get(model._meta.label_lower, _DEFAULT)


def register_policy(label: str, policy: Policy) -> None:
    """Registers the policy of a model by its ``app_label.modelname`` (from ``ready()``)."""
    _POLICIES[label.lower()] = policy


def scope(queryset: QuerySet, user: User | None, action: str = Action.VIEW) -> QuerySet:
    return policy_for(queryset.model).scope(queryset, user, action)


def sees_every(user: User | None, model: type[Model], action: str = Action.VIEW) -> bool:
    """Whether ``user``'s scope of ``model`` for ``action`` is every row: the policy handed the
    queryset back untouched (any narrowing makes a new one, so a doubt answers False)."""
    everything = model._default_manager.all()
    return scope(everything, user, action) is everything


def allows(user: User | None, action: str, obj_or_model) -> bool:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    obj = None if isinstance(obj_or_model, type) else obj_or_model
    return policy_for(model).allows(user, action, obj)


def is_staff_user(user) -> bool:
    """Admins and team members: the dashboard's users."""
    return _role(user) in ("admin", "team")


def is_admin_user(user) -> bool:
    return _role(user) == "admin"


def is_own_client_user(user, client) -> bool:
    """A client user of ``client`` itself (not staff, not another client's user)."""
    return _role(user) == "client" and user.client_id == client.pk


def role_of(user) -> str | None:
    """``admin``, ``team``, ``client``, or ``None`` for anonymous and inactive users."""
    return _role(user)


def staff_users() -> QuerySet:
    """Active admins and team members: the queryset form of ``is_staff_user``."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(role__in=("admin", "team")) | Q(is_superuser=True))
    )


def admin_users() -> QuerySet:
    """Active admins: the queryset form of ``is_admin_user``."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(role="admin") | Q(is_superuser=True))
    )


class VisibleQuerySet(QuerySet):
    """QuerySet base with ``visible_to(user, action)`` delegating to the model's policy."""

    def visible_to(self, user, action: str = Action.VIEW):
        return scope(self, user, action)
