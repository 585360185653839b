"""Staff inbox of portal requests across clients: status, assignment and replies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action
from localbzz.web import list_page, safe_next, submit_service

from . import selectors, services
from .filtersets import PortalRequestFilterSet
from .models import RequestStatus
from .staff_forms import ReplyForm, RequestUpdateForm


def _inbox(template: str):
    """The inbox (filtered by the query string): new first, then working, then done."""
    return list_page(
        PortalRequestFilterSet,
        selectors.portal_request_inbox,
        order=("open_rank", "-priority", "-created_at"),
        template=template,
        extra=lambda request: {"statuses": RequestStatus.values},
    )


#: the inbox page, and its table alone for live refresh
request_list = _inbox("requests/request_list.html")
request_inbox_partial = _inbox("requests/_inbox.html")


def _get(request, pk, action=Action.VIEW):
    return selectors.portal_request_get(user=request.user, pk=pk, action=action)


def _detail(request, portal_request, *, update_form=None, reply_form=None, status=200):
    replies = selectors.portal_request_replies(portal_request)
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
        done = submit_service(
            request,
            form,
            services.portal_request_update,
            success="Request updated.",
            next_url=safe_next(request, reverse("requests:detail", args=[pk])),
            portal_request=portal_request,
            actor=request.user,
            **form.cleaned_data,
        )
        if done is not None:
            return done
    portal_request.refresh_from_db()
    return _detail(request, portal_request, update_form=form, status=400)


@staff_required
@require_POST
def request_reply(request, pk):
    """Adds a staff reply to the thread."""
    portal_request = _get(request, pk, Action.CHANGE)
    form = ReplyForm(request.POST)
    if form.is_valid():
        done = submit_service(
            request,
            form,
            services.portal_request_reply,
            success="Reply sent.",
            next_url=reverse("requests:detail", args=[pk]),
            portal_request=portal_request,
            author=request.user,
            body=form.cleaned_data["body"],
        )
        if done is not None:
            return done
    return _detail(request, portal_request, reply_form=form, status=400)


@staff_required
@require_POST
def request_convert(request, pk):
    """Turns the request into a task or a deliverable, then opens the new one."""
    portal_request = _get(request, pk, Action.CHANGE)
    into = request.POST.get("into", "")
    try:
        created = services.portal_request_convert(
            portal_request=portal_request, into=into, actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("requests:detail", pk)
    messages.success(request, f"Request converted into a {into}; the client sees it on the portal.")
    return redirect("tasks:edit" if into == "task" else "deliverables:edit", created.pk)
