"""Staff inbox of portal requests across clients: status, assignment and replies."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action
from localbzz.views import call_service, paginate, safe_next

from . import services
from .models import ClientPortalRequest, PortalRequestReply, RequestStatus
from .staff_forms import ReplyForm, RequestFilterForm, RequestUpdateForm


def _inbox_context(request) -> dict:
    form = RequestFilterForm(request.GET or None, user=request.user)
    qs = ClientPortalRequest.objects.visible_to(request.user).select_related(
        "client", "assigned_to", "created_by"
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(content__icontains=data["q"]) | Q(client__name__icontains=data["q"]))
        for name in ("status", "priority", "topic", "client", "assigned_to"):
            if data[name]:
                qs = qs.filter(**{name: data[name]})
    qs = qs.annotate(
        open_rank=Case(
            When(status=RequestStatus.NEW, then=Value(0)),
            When(status=RequestStatus.WORKING, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("open_rank", "-priority", "-created_at")
    page_obj, querystring = paginate(request, qs)
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "querystring": querystring,
        "statuses": RequestStatus.values,
    }


@staff_required
@require_GET
def request_list(request):
    """The inbox: new first, then working, then done."""
    return render(request, "requests/request_list.html", _inbox_context(request))


@staff_required
@require_GET
def request_inbox_partial(request):
    """The inbox table alone, for live refresh."""
    return render(request, "requests/_inbox.html", _inbox_context(request))


def _get(request, pk, action=Action.VIEW):
    return get_object_or_404(
        ClientPortalRequest.objects.visible_to(request.user, action).select_related(
            "client", "assigned_to", "created_by"
        ),
        pk=pk,
    )


def _detail(request, portal_request, *, update_form=None, reply_form=None, status=200):
    replies = PortalRequestReply.objects.filter(request=portal_request).select_related("author")
    return render(
        request,
        "requests/request_detail.html",
        {
            "req": portal_request,
            "replies": replies,
            "update_form": update_form
            or RequestUpdateForm(instance=portal_request, user=request.user),
            "reply_form": reply_form or ReplyForm(),
        },
        status=status,
    )


@staff_required
@require_GET
def request_detail(request, pk):
    """One request with its thread."""
    return _detail(request, _get(request, pk))


@staff_required
@require_POST
def request_update(request, pk):
    """Changes status, priority, topic or assignee."""
    portal_request = _get(request, pk, Action.CHANGE)
    form = RequestUpdateForm(request.POST, instance=portal_request, user=request.user)
    if form.is_valid():
        done = call_service(
            form,
            services.portal_request_update,
            portal_request=portal_request,
            actor=request.user,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(request, "Request updated.")
            return redirect(safe_next(request, reverse("requests:detail", args=[pk])))
    portal_request.refresh_from_db()
    return _detail(request, portal_request, update_form=form, status=400)


@staff_required
@require_POST
def request_reply(request, pk):
    """Adds a staff reply to the thread."""
    portal_request = _get(request, pk, Action.CHANGE)
    form = ReplyForm(request.POST)
    if form.is_valid():
        done = call_service(
            form,
            services.portal_request_reply,
            portal_request=portal_request,
            author=request.user,
            body=form.cleaned_data["body"],
        )
        if done is not None:
            messages.success(request, "Reply sent.")
            return redirect("requests:detail", pk=pk)
    return _detail(request, portal_request, reply_form=form, status=400)
