"""Staff dashboard pages of clients: list and the one-screen client page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from deliverables.models import DeliverableStatus, DeliverableType
from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action, allows
from localbzz.web import call_service, confirm_then_delete, paginate, safe_next
from portal.forms import InviteForm
from portal.models import ClientPortalRequest
from portal.services import portal_base_url, portal_user_invite
from shoots.models import Shoot
from tasks.models import TaskStatus

from . import services
from .forms import ClientFilterForm, ClientForm
from .models import Client
from .selectors import client_get


@staff_required
@require_GET
def client_list(request):
    """Clients, filtered by status and frequency, searched, paginated."""
    form = ClientFilterForm(request.GET or None)
    qs = Client.objects.visible_to(request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            qs = qs.filter(
                Q(name__icontains=q)
                | Q(primary_contact_name__icontains=q)
                | Q(email__icontains=q)
                | Q(client_portal_subdomain__icontains=q)
            )
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["shoot_frequency"]:
            qs = qs.filter(shoot_frequency=data["shoot_frequency"])
    page_obj, querystring = paginate(request, qs.order_by("name"))
    return render(
        request,
        "clients/client_list.html",
        {
            "filter_form": form,
            "page_obj": page_obj,
            "querystring": querystring,
            "can_add": allows(request.user, Action.ADD, Client),
        },
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
    client = get_object_or_404(Client.objects.visible_to(request.user), pk=pk)
    now = timezone.now()
    today = timezone.localdate()
    shoots = Shoot.objects.visible_to(request.user).filter(client=client)
    upcoming = list(shoots.filter(shoot_start__gte=now).order_by("shoot_start")[:10])
    past = list(shoots.filter(shoot_start__lt=now).order_by("-shoot_start")[:10])
    deliverables = client.deliverables.all()
    by_status = {r["status"]: r["n"] for r in deliverables.values("status").annotate(n=Count("id"))}
    pipeline = [{"status": s, "n": by_status.get(s, 0)} for s in DeliverableStatus.values]
    month_start = today.replace(day=1)
    month_counts = {
        r["deliverable_type"]: r["n"]
        for r in deliverables.filter(
            Q(due_date__gte=month_start, due_date__year=today.year, due_date__month=today.month)
        )
        .values("deliverable_type")
        .annotate(n=Count("id"))
    }
    targets = []
    for type_, target in (
        (DeliverableType.REEL, client.default_reels),
        (DeliverableType.PHOTO, client.default_photos),
        (DeliverableType.CAROUSEL, client.default_carousels),
    ):
        n = month_counts.get(type_, 0)
        pct = min(100, round(100 * n / target)) if target else (100 if n else 0)
        targets.append({"type": type_, "n": n, "target": target, "pct": pct})
    open_tasks = list(
        client.tasks.exclude(status=TaskStatus.COMPLETED)
        .prefetch_related("assignees")
        .order_by("due_date", "name")[:15]
    )
    requests = list(
        ClientPortalRequest.objects.visible_to(request.user)
        .filter(client=client)
        .select_related("assigned_to")
        .order_by("-created_at")[:10]
    )
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "portal_url": portal_url(request, client),
            "upcoming": upcoming,
            "past": past,
            "pipeline": pipeline,
            "targets": targets,
            "month": month_start,
            "open_tasks": open_tasks,
            "requests": requests,
            "invite": {
                "url": reverse("clients:invite", args=[client.pk]),
                "template": "clients/_invite_form.html",
            }
            if allows(request.user, Action.CHANGE, client)
            else None,
            "can_change": allows(request.user, Action.CHANGE, client),
            "can_delete": allows(request.user, Action.DELETE, client),
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


@staff_required(admin_only=True)
def client_create(request):
    """A new client (admins)."""
    return _edit(request)


@staff_required
def client_edit(request, pk):
    """Edit a client's contact and content plan."""
    client = get_object_or_404(Client.objects.visible_to(request.user, Action.CHANGE), pk=pk)
    return _edit(request, client)


@staff_required
def client_delete(request, pk):
    """Deletes a client and all its work, after confirmation (admins)."""
    client = get_object_or_404(Client.objects.visible_to(request.user, Action.DELETE), pk=pk)
    return confirm_then_delete(
        request,
        client,
        delete=lambda: services.client_delete(client=client, actor=request.user),
        question=f"Delete {client.name} with all its shoots, deliverables and requests? "
        "This cannot be undone.",
        cancel_url=reverse("clients:detail", args=[pk]),
        done=f"Deleted {client.name}.",
        to="clients:list",
    )


@staff_required
def client_invite(request, pk):
    """Invite a person to the client's portal: a client user with a one-time password link.

    Inviting is changing the client (one policy check, the API's too): hidden clients 404.
    """
    client = client_get(user=request.user, pk=pk, action=Action.CHANGE)
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
