"""Staff pages: webhook endpoints (admins) and notifications (every signed-in user)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import Action
from localbzz.accounts.reauth import recent_auth_required
from localbzz.web import safe_next

from . import services
from .delivery import webhook_delivery_redeliver, webhook_endpoint_send_test
from .forms import WebhookEndpointForm
from .models import Notification, WebhookDelivery, WebhookEndpoint
from .notifications import notifications_mark_read, preferences_for, save_preferences


def _endpoint(request, pk) -> WebhookEndpoint:
    return get_object_or_404(WebhookEndpoint.objects.visible_to(request.user, Action.VIEW), pk=pk)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@staff_required(admin_only=True)
def webhook_list(request):
    endpoints = (
        WebhookEndpoint.objects.visible_to(request.user, Action.VIEW)
        .annotate(
            pending=Count("deliveries", filter=Q(deliveries__status="pending")),
            failed=Count("deliveries", filter=Q(deliveries__status="failed")),
        )
        .order_by("-created_at")
    )
    return render(request, "events/webhookendpoint_list.html", {"endpoints": endpoints})


@staff_required(admin_only=True)
def webhook_create(request):
    form = WebhookEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.webhook_endpoint_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return render(
                request, "events/webhookendpoint_secret.html", {"endpoint": endpoint, "new": True}
            )
    return render(request, "events/webhookendpoint_form.html", {"form": form})


@staff_required(admin_only=True)
def webhook_detail(request, pk):
    endpoint = _endpoint(request, pk)
    form = WebhookEndpointForm(
        request.POST or None,
        initial={
            "url": endpoint.url,
            "description": endpoint.description,
            "event_types": endpoint.event_types,
            "is_active": endpoint.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_endpoint_update(
                endpoint=endpoint, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Webhook endpoint saved.")
            return redirect("events:webhook_detail", pk=endpoint.pk)
    deliveries = (
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .select_related("event")
        .prefetch_related("attempt_log")
        .order_by("-created_at", "-id")
    )
    page = Paginator(deliveries, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "events/webhookendpoint_detail.html",
        {"endpoint": endpoint, "form": form, "page": page},
    )


@require_POST
@staff_required(admin_only=True)
@recent_auth_required
def webhook_rotate(request, pk):
    endpoint = _endpoint(request, pk)
    services.webhook_endpoint_rotate_secret(endpoint=endpoint, actor=request.user)
    return render(request, "events/webhookendpoint_secret.html", {"endpoint": endpoint})


@require_POST
@staff_required(admin_only=True)
def webhook_test(request, pk):
    endpoint = _endpoint(request, pk)
    try:
        delivery = webhook_endpoint_send_test(endpoint=endpoint, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        outcome = delivery.last_status_code or delivery.last_error or "no answer"
        level = messages.success if delivery.status == "succeeded" else messages.error
        level(request, f"Test event sent: {outcome}.")
    return redirect("events:webhook_detail", pk=endpoint.pk)


@require_POST
@staff_required(admin_only=True)
def webhook_delete(request, pk):
    endpoint = _endpoint(request, pk)
    services.webhook_endpoint_delete(endpoint=endpoint, actor=request.user)
    messages.success(request, "Webhook endpoint deleted.")
    return redirect("events:webhooks")


@require_POST
@staff_required(admin_only=True)
def delivery_redeliver(request, pk):
    delivery = get_object_or_404(
        WebhookDelivery.objects.visible_to(request.user, Action.VIEW), pk=pk
    )
    try:
        webhook_delivery_redeliver(delivery=delivery, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Redelivery queued.")
    return redirect("events:webhook_detail", pk=delivery.endpoint_id)


@staff_required
def notification_list(request):
    qs = Notification.objects.visible_to(request.user, Action.VIEW)
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "events/notification_list.html", {"page": page})


@require_POST
@login_required
def notification_mark_read(request):
    ids = request.POST.getlist("id") or None
    notifications_mark_read(user=request.user, ids=ids)
    return redirect(safe_next(request, reverse("events:notifications")))


@login_required
def notification_preferences(request):
    if request.method == "POST":
        save_preferences(request.user, request.POST)
        messages.success(request, "Notification settings saved.")
        return redirect(safe_next(request, reverse("events:preferences")))
    if not request.user.is_active:
        raise Http404
    return render(
        request, "events/notification_preferences.html", {"prefs": preferences_for(request.user)}
    )
