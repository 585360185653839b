"""Base classes of the API views: policy permission, body-size limit, service-backed writes."""

from __future__ import annotations

from email.utils import format_datetime

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch, re_path, reverse
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets
from rest_framework.exceptions import APIException
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import BasePermission
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from localbzz.accounts.permissions import Action, allows, sees_every

from .errors import PayloadTooLarge
from .filters import BoundedSearchFilter
from .lists import RenderedRows, values_plan

UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class Router(SimpleRouter):
    """Each path answers with and without its trailing slash, neither redirects."""

    def __init__(self):
        super().__init__(trailing_slash=True, use_regex_path=True)
        self.trailing_slash = "/?"


def policy_action(view, request) -> str:
    """The permission action of a request: the view's own mapping, else by HTTP method."""
    extra = getattr(view, "policy_actions", {}) or {}
    name = getattr(view, "action", None)
    return extra.get(name) or Action.for_method(request.method)


class PolicyPermission(BasePermission):
    """DRF permission that asks the model's policy (localbzz.accounts.permissions).

    Kind level (lists, create): the role must be allowed the action, else 401/403. Object level:
    the object must be visible (the queryset is scoped, so hidden rows are 404) and the
    policy must allow the action on it, else 403.
    """

    def has_permission(self, request, view) -> bool:
        model = view.policy_model
        action = policy_action(view, request)
        user = request.user
        if not user or not user.is_authenticated:
            return allows(None, action, model)
        if getattr(view, "detail", False):
            return True  # decided per object, after the (scoped) lookup answered 404 or not
        return allows(user, action, model)

    def has_object_permission(self, request, view, obj) -> bool:
        return allows(request.user, policy_action(view, request), obj)


class BodyLimitMixin:
    """Refuses bodies over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` with 413 before reading them."""

    def initial(self, request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        super().initial(request, *args, **kwargs)


class DeprecatedMixin:
    """Announces a deprecated path with ``Deprecation`` and ``Sunset`` headers (RFC 9745/8594)."""

    deprecated_since = None  # aware datetime
    sunset_at = None  # aware datetime
    successor = ""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Deprecation"] = f"@{int(self.deprecated_since.timestamp())}"
        response["Sunset"] = format_datetime(self.sunset_at, usegmt=True)
        if self.successor:
            response["Link"] = f'<{self.successor}>; rel="successor-version"'
        return response


class BaseAPIView(BodyLimitMixin, APIView):
    """A plain API view with the body limit."""


class QuickFilterBackend(DjangoFilterBackend):
    """django-filter, skipped when the request names none of the filters (no form per request)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is None:
            return super().filter_queryset(request, queryset, view)
        names = set(filterset_class.base_filters)
        asked = set()
        for key in request.query_params:
            asked |= {key, key.removesuffix("_after"), key.removesuffix("_before")}
        if names & asked:
            return super().filter_queryset(request, queryset, view)
        return queryset


class PolicyViewSet(BodyLimitMixin, viewsets.GenericViewSet):
    """A viewset whose queryset comes from a selector and whose writes call services.

    Subclasses set ``policy_model``, ``selector`` (``f(*, user) -> QuerySet``) and, for
    writes, ``create_service`` / ``update_service`` / ``delete_service`` with the keyword
    their service takes for the object (``service_object``).
    """

    policy_model = None
    selector = None
    permission_classes = (PolicyPermission,)
    lookup_value_regex = UUID_PATTERN
    #: an entity's ``search`` and other filters come from its FilterSet (``filterset_class``);
    #: DRF's search (with the same limits) serves only views that still set ``search_fields``
    filter_backends = (QuickFilterBackend, BoundedSearchFilter, OrderingFilter)
    create_service = None
    update_service = None
    delete_service = None
    service_object = "obj"
    policy_actions: dict = {}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.policy_model.objects.none()
        return type(self).selector(user=self.request.user)

    def paginate_queryset(self, queryset):
        """The page of a list: rows as dicts from ``.values()`` when the serializer allows
        (``localbzz/api/lists.py``), model rows otherwise; the total folded in either way."""
        if getattr(self, "action", None) == "list" and self.paginator is not None:
            plan = values_plan(self)
            rows = plan.queryset(queryset) if plan is not None else None
            if rows is not None:
                return RenderedRows(plan.render(super().paginate_queryset(rows)))
        return super().paginate_queryset(queryset)

    def get_serializer(self, *args, **kwargs):
        if args and isinstance(args[0], RenderedRows):
            return args[0]  # already rendered: ``.data`` is the rows
        return super().get_serializer(*args, **kwargs)

    def get_success_headers(self, data) -> dict:
        """``Location`` of a created object: its detail route (DESIGN §4)."""
        try:
            kwarg = self.lookup_url_kwarg or self.lookup_field
            url = reverse(f"api:{self.basename}-detail", kwargs={kwarg: data["id"]})
        except (KeyError, TypeError, NoReverseMatch):
            return {}
        return {"Location": url}

    def service_kwargs(self, serializer) -> dict:
        return serializer.service_data()

    def refetch(self, obj):
        """Reloads ``obj`` through the selector, so the answer has its annotations."""
        return self.get_queryset().get(pk=obj.pk)

    def perform_create(self, serializer):
        obj = type(self).create_service(actor=self.request.user, **self.service_kwargs(serializer))
        serializer.instance = self.refetch(obj)

    def perform_update(self, serializer):
        obj = type(self).update_service(
            actor=self.request.user,
            **{self.service_object: serializer.instance},
            **self.service_kwargs(serializer),
        )
        serializer.instance = self.refetch(obj)

    def perform_destroy(self, instance):
        type(self).delete_service(actor=self.request.user, **{self.service_object: instance})


class CRUDViewSet(
    PolicyViewSet,  # first, so its service-backed perform_* win over the mixins' save()
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
):
    """List, retrieve, create, update (PUT partial too), delete."""

    def update(self, request, *args, **kwargs):
        # PUT accepts partial bodies as well (the guide lists PUT only).
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)


class NestedListViewSet(PolicyViewSet, mixins.ListModelMixin):
    """A list under a parent (``/api/clients/:clientId/shoots``): the parent must be visible.

    Subclasses set ``parent_model``, ``parent_kwarg`` (the path's name) and ``parent_field``
    (the child's field that points to the parent).

    The parent check is folded into the list query (the children are narrowed to a parent
    among the visible ones, a subquery; a plain ``<parent>_id =`` when the user sees every
    parent): rows back prove the parent visible. Only when no row comes back (or the request
    fails: a bad filter, a page past the end) is the parent looked up on its own, so a hidden
    or missing parent is still a 404 first.
    """

    parent_model = None
    parent_kwarg = ""
    parent_field = ""

    def visible_parents(self):
        return self.parent_model.objects.visible_to(self.request.user, Action.VIEW).filter(
            pk=self.kwargs[self.parent_kwarg]
        )

    def parent(self):
        if not hasattr(self, "_parent"):
            parent = self.visible_parents().first()
            if parent is None:
                raise Http404(f"No such {self.parent_model._meta.verbose_name}.")
            self._parent = parent
        return self._parent

    def list(self, request, *args, **kwargs):
        try:
            response = super().list(request, *args, **kwargs)
        except (APIException, Http404):
            self.parent()  # a hidden or missing parent answers 404 before anything else
            raise
        if not response.data["results"]:
            self.parent()
        return response

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.policy_model.objects.none()
        children = type(self).selector(user=self.request.user)
        if sees_every(self.request.user, self.parent_model):
            return children.filter(**{self.parent_field: self.kwargs[self.parent_kwarg]})
        parents = self.visible_parents().values("pk")
        return children.filter(**{f"{self.parent_field}__in": parents})


def nested(viewset: type, parent_model, parent_kwarg: str, parent_field: str) -> type:
    """A nested list viewset reusing ``viewset``'s selector, serializer, filters and ordering."""
    attrs = {
        name: getattr(viewset, name)
        for name in (
            "policy_model",
            "serializer_class",
            "filterset_class",
            "ordering_fields",
            "ordering",
        )
    }
    attrs.update(
        selector=viewset.selector,
        parent_model=parent_model,
        parent_kwarg=parent_kwarg,
        parent_field=parent_field,
        get_serializer_class=viewset.get_serializer_class,
        __doc__=f"{viewset.policy_model._meta.verbose_name_plural.capitalize()} of one "
        f"{parent_model._meta.verbose_name}.",
    )
    name = f"{parent_model.__name__}{viewset.policy_model.__name__}ListViewSet"
    return type(name, (NestedListViewSet,), attrs)


def nested_route(path: str, viewset: type, parent_model, parent_field: str, *, name: str):
    """The route of the ``nested`` list of ``viewset``'s rows under one parent: ``path`` is
    ``<parents>/<parent_kwarg>/<children>`` (``"clients/client_id/shoots"``), the middle part
    the parent's id; it answers with and without the trailing slash."""
    parents, parent_kwarg, children = path.split("/")
    return re_path(
        rf"^{parents}/(?P<{parent_kwarg}>{UUID_PATTERN})/{children}/?$",
        nested(viewset, parent_model, parent_kwarg, parent_field).as_view({"get": "list"}),
        name=name,
    )
