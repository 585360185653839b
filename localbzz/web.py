"""Small helpers shared by every dashboard view: pagination, htmx, service calls, deletes."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows

PER_PAGE = 25


# --- helpers shared by the apps' dashboard views -------------------------------------------
def is_htmx(request) -> bool:
    """Whether htmx sent the request (it then wants a partial, not a page)."""
    return request.headers.get("HX-Request") == "true"


def query_without_page(request) -> str:
    """The request's query string (its filters) without ``page``."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def paginate(request, queryset, per_page: int = PER_PAGE):
    """The requested page of ``queryset`` and the query string to keep filters across pages."""
    page_obj = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    encoded = query_without_page(request)
    return page_obj, f"{encoded}&" if encoded else ""


def status_column(queryset, status: str, *, fields, order, counts=None, limit: int = 25) -> dict:
    """One column of a board: the first ``limit`` cards in ``status`` (only ``fields``) and how
    many there are in all (from ``counts``, a ``counts_by`` of the board, when given)."""
    in_column = queryset.filter(status=status)
    cards = list(in_column.prefetch_related(None).only(*fields).order_by(*order)[:limit])
    total = counts.get(status, 0) if counts is not None else in_column.count()
    return {"status": status, "cards": cards, "total": total, "hidden": max(total - len(cards), 0)}


def week_bounds(day):
    """Monday and next Monday around ``day``."""
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=7)


def day_start(day):
    """The aware datetime at the start of a local date."""
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def call_service(form, func, **kwargs):
    """Runs a service; its ValidationError lands on the form's fields. None when it failed."""
    try:
        return func(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None


def submit_service(request, form, func, *, success: str, next_url: str, **kwargs):
    """A valid POSTed form's service call (``call_service``): when it succeeds, the
    ``success`` message and a redirect to ``next_url`` (a URL or a URL name); None when
    the service refused (its errors are then on the form)."""
    if call_service(form, func, **kwargs) is None:
        return None
    messages.success(request, success)
    return redirect(next_url)


def move_status(request, choices, service, **target):
    """A status move POSTed from a board or a page: ``service(**target, status=...)`` with
    the POSTed ``status`` when it is one of ``choices``. A 400 when the status or the move is
    refused, else None."""
    status = request.POST.get("status")
    if status not in choices.values:
        return HttpResponseBadRequest("Choose one of: " + ", ".join(choices.values))
    try:
        service(**target, status=status, actor=request.user)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    return None


def safe_next(request, default: str) -> str:
    """The ``next`` the user came from when it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def confirm_page(
    request, *, title: str, question: str, action: str, cancel_url: str, button="Delete"
):
    """The confirmation page a destructive action shows before it runs."""
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "question": question,
            "action": action,
            "cancel_url": cancel_url,
            "button": button,
        },
    )


def delete_page(get, delete, *, back: str = "", question=None, done=None):
    """The staff delete page of an entity, declared in one place.

    ``get(user=, pk=, action=DELETE)`` is the app's selector (a row the user may not delete is
    missing: 404), ``delete(<model name>=obj, actor=user)`` its service. GET asks
    ``question(obj)``, POST deletes, says ``done(obj)`` and goes to the list; Cancel goes back
    to ``back`` (a URL name, ``<app>:detail`` by default).
    """

    @staff_required
    def view(request, pk):
        obj = get(user=request.user, pk=pk, action=Action.DELETE)
        app = obj._meta.app_label
        return confirm_then_delete(
            request,
            obj,
            delete=lambda: delete(**{obj._meta.model_name: obj}, actor=request.user),
            question=question(obj) if question else f"Delete “{obj}”? This cannot be undone.",
            cancel_url=reverse(back or f"{app}:detail", args=[pk]),
            done=done(obj) if done else f"Deleted “{obj}”.",
            to=f"{app}:list",
        )

    return view


def confirm_then_delete(
    request, obj, *, delete, question: str, cancel_url: str, done: str, to: str
):
    """A delete action: GET shows the confirmation page, POST runs ``delete()`` and leaves."""
    if request.method != "POST":
        return confirm_page(
            request,
            title=f"Delete {obj._meta.verbose_name}",
            question=question,
            action=request.path,
            cancel_url=cancel_url,
        )
    delete()
    messages.success(request, done)
    return redirect(to)


# --- lists: one FilterSet per entity, bound to the query string -------------------------------
def filter_rows(request, filterset_class, queryset):
    """The FilterSet bound to the query string, and its rows (none while a value is invalid).

    The same FilterSet serves the API list, so a page's query string is the API's.
    """
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    return filterset, filterset.rows()


def rows_filter(filterset_class, rows):
    """``f(request) -> (filterset, rows)``: the user's rows of the selector ``rows`` through
    ``filter_rows`` (what an entity's board filters like its list page)."""
    return lambda request: filter_rows(request, filterset_class, rows(user=request.user))


def filtered_list(request, filterset_class, queryset, template: str, context=None, *, order=()):
    """A list page: the filter bar (the FilterSet's form), one page of the filtered rows."""
    filterset, rows = filter_rows(request, filterset_class, queryset)
    page_obj, querystring = paginate(request, rows.order_by(*order) if order else rows)
    return render(
        request,
        template,
        {
            "filter_form": filterset.form,
            "page_obj": page_obj,
            "querystring": querystring,
            **(context or {}),
        },
    )


def list_page(filterset_class, rows, *, order=(), template: str = "", extra=None):
    """The staff list page of an entity, declared in one place.

    ``rows(user=...)`` is the app's selector, ``order`` the page's ordering (or a function of
    the request giving it), ``extra(request)`` more context; the template defaults to
    ``<app>/<model>_list.html``.
    """
    meta = filterset_class._meta.model._meta
    template = template or f"{meta.app_label}/{meta.model_name}_list.html"

    @staff_required
    @require_GET
    def view(request):
        return filtered_list(
            request,
            filterset_class,
            rows(user=request.user),
            template,
            extra(request) if extra else None,
            order=order(request) if callable(order) else order,
        )

    view.__doc__ = f"{meta.verbose_name_plural.capitalize()}, filtered, searched and paginated."
    return view


#: the usual routes of an entity's pages: (path, view name suffix, url name)
ENTITY_ROUTES = (
    ("", "list", "list"),
    ("new/", "create", "create"),
    ("<uuid:pk>/", "detail", "detail"),
    ("<uuid:pk>/edit/", "edit", "edit"),
    ("<uuid:pk>/delete/", "delete", "delete"),
    ("<uuid:pk>/status/", "set_status", "set_status"),
    ("board/", "board", "board"),
)


def entity_urls(views, entity: str, *extra) -> list:
    """URL patterns of the views named ``<entity>_list``, ``_create``, ``_detail``, ``_edit``,
    ``_delete``, ``_set_status`` and ``_board`` that ``views`` defines (without a detail page,
    the edit page lives at ``<pk>/``), followed by the ``extra`` patterns."""
    found = {suffix: getattr(views, f"{entity}_{suffix}", None) for _, suffix, _ in ENTITY_ROUTES}
    routes = []
    for route, suffix, name in ENTITY_ROUTES:
        if suffix == "edit" and found["detail"] is None:
            route = "<uuid:pk>/"
        if found[suffix] is not None:
            routes.append(path(route, found[suffix], name=name))
    return [*routes, *extra]


def counts_by(queryset, field: str = "status") -> dict:
    """``{value: number of rows}`` of ``field`` over ``queryset``, in one query."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)


def allowed_or_404(user, action: str, target) -> None:
    """Asks the policy (``allows``); a page the user may not use is a missing page (404)."""
    if not allows(user, action, target):
        raise Http404("Not found")
