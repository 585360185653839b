"""Staff dashboard pages of clients: list and the one-screen client page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from deliverables.models import DeliverableStatus
from deliverables.selectors import deliverable_list, month_start, plan_progress
from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows
from localbzz.web import (
    allowed_or_404,
    call_service,
    counts_by,
    delete_page,
    list_page,
    safe_next,
)
from portal.forms import InviteForm
from portal.selectors import portal_request_list
from portal.services import portal_base_url, portal_user_invite
from shoots.selectors import shoot_list
from tasks.selectors import task_list

from . import selectors, services
from .filtersets import ClientFilterSet
from .forms import ClientForm
from .models import Client
from .plan_views import next_plan

client_list = list_page(
    ClientFilterSet,
    selectors.client_list,
    order=("name",),
    extra=lambda request: {"can_add": allows(request.user, Action.ADD, Client)},
)


def portal_url(request, client: Client) -> str:
    """The client's portal address, with this server's port in development."""
    port = request.get_port()
    suffix = "" if port in ("80", "443") else f":{port}"
    return f"{request.scheme}://{client.portal_host}{suffix}/"


@staff_required
@require_GET
def client_detail(request, pk):
    """Everything about one client on one screen."""
    client = selectors.client_get(user=request.user, pk=pk)
    shoots = shoot_list(user=request.user).filter(client=client).prefetch_related(None)
    deliverables = deliverable_list(user=request.user).filter(client=client)
    by_status = counts_by(deliverables)
    pipeline = [{"status": s, "n": by_status.get(s, 0)} for s in DeliverableStatus.values]
    open_tasks = task_list(user=request.user).filter(client=client).open()
    requests = portal_request_list(user=request.user).filter(client=client)
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "portal_url": portal_url(request, client),
            "upcoming": list(shoots.upcoming().order_by("shoot_start")[:10]),
            "past": list(shoots.past().order_by("-shoot_start")[:10]),
            "pipeline": pipeline,
            "plan": plan_progress(user=request.user, client=client),
            "month": month_start(),
            "open_tasks": list(open_tasks.order_by("due_date", "name")[:15]),
            "requests": list(requests.select_related("assigned_to").order_by("-created_at")[:10]),
            "invite": {
                "url": reverse("clients:invite", args=[client.pk]),
                "template": "clients/_invite_form.html",
            }
            if allows(request.user, Action.CHANGE, client)
            else None,
            "can_change": allows(request.user, Action.CHANGE, client),
            "can_delete": allows(request.user, Action.DELETE, client),
            "next_plan": next_plan(client=client, user=request.user)
            if allows(request.user, Action.CHANGE, client)
            else None,
        },
    )


def _edit(request, client=None):
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if client is None:
            saved = call_service(form, services.client_create, actor=request.user, **data)
        else:
            saved = call_service(
                form, services.client_update, client=client, actor=request.user, **data
            )
        if saved is not None:
            messages.success(request, f"Saved {saved.name}.")
            return redirect("clients:detail", pk=saved.pk)
        if client is not None:
            client.refresh_from_db()
    return render(request, "clients/client_form.html", {"form": form, "client": client})


@staff_required
def client_create(request):
    """A new client (who may add clients: admins); others find no such page (404)."""
    allowed_or_404(request.user, Action.ADD, Client)
    return _edit(request)


@staff_required
def client_edit(request, pk):
    """Edit a client's contact and content plan."""
    return _edit(request, selectors.client_get(user=request.user, pk=pk, action=Action.CHANGE))


#: deletes a client and all its work, after confirmation (admins)
client_delete = delete_page(
    selectors.client_get,
    services.client_delete,
    question=lambda client: (
        f"Delete {client.name} with all its shoots, deliverables and "
        "requests? This cannot be undone."
    ),
)


@staff_required
def client_invite(request, pk):
    """Invite a person to the client's portal: a client user with a one-time password link.

    Inviting is changing the client (one policy check, the API's too): hidden clients 404.
    """
    client = selectors.client_get(user=request.user, pk=pk, action=Action.CHANGE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = call_service(
            form,
            portal_user_invite,
            client=client,
            actor=request.user,
            base_url=portal_base_url(client, request),
            **form.cleaned_data,
        )
        if user is not None:
            messages.success(request, f"Invitation sent to {user.email}.")
            return redirect(safe_next(request, request.path))
    status = 400 if form.is_bound else 200
    return render(
        request, "clients/client_invite.html", {"client": client, "form": form}, status=status
    )
