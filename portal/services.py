"""Writes to client portal requests and their threads, and portal user invites."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from localbzz.accounts.models import Role, User, UserManager
from localbzz.events.services import emit
from localbzz.form_files import attach_form_files
from localbzz.services import delete_with_event, save_changes, validate_and_save

from .models import ClientPortalRequest, PortalRequestReply


@transaction.atomic
def portal_request_create(*, actor=None, files=(), **data) -> ClientPortalRequest:
    """Records a client's request or insight, with the files sent along: all of them checked
    and stored, or (one refused) a ValidationError and no request at all."""
    request = ClientPortalRequest(
        created_by=actor if getattr(actor, "is_authenticated", False) else None, **data
    )
    validate_and_save(request)
    emit("portal_request.created", request, actor=actor)
    attach_form_files(owner=request, files=files, actor=actor)
    return request


@transaction.atomic
def portal_request_update(
    *, portal_request: ClientPortalRequest, actor=None, **data
) -> ClientPortalRequest:
    """Staff change a request's status, priority, topic or assignee."""
    save_changes(portal_request, data, "portal_request.updated", actor=actor)
    return portal_request


@transaction.atomic
def portal_request_delete(*, portal_request: ClientPortalRequest, actor=None) -> None:
    """Deletes a request with its thread (the admin's delete and bulk delete come here)."""
    delete_with_event(portal_request, "portal_request.deleted", actor=actor)


@transaction.atomic
def portal_request_reply(
    *, portal_request: ClientPortalRequest, author, body: str
) -> PortalRequestReply:
    """Adds a message to the thread under a request."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a message."})
    reply = PortalRequestReply(request=portal_request, author=author, body=body)
    validate_and_save(reply)
    portal_request.save(update_fields=["updated_at"])
    emit(
        "portal_request.replied",
        portal_request,
        actor=author,
        changes={
            "reply": {"id": str(reply.pk), "body": body, "author": getattr(author, "email", None)}
        },
    )
    return reply


def portal_base_url(client, request=None) -> str:
    """The absolute root URL of ``client``'s portal on its own subdomain."""
    if request is not None:
        scheme, port = request.scheme, str(request.get_port())
    else:
        scheme, port = settings.PORTAL_PUBLIC_SCHEME, settings.PORTAL_PUBLIC_PORT
    default_port = {"http": "80", "https": "443"}.get(scheme)
    suffix = f":{port}" if port and port != default_port else ""
    return f"{scheme}://{client.portal_host}{suffix}"


def portal_set_password_link(*, user, base_url: str) -> str:
    """A one-time link to the portal's set-password page for ``user``."""
    path = reverse(
        "portal:set_password",
        urlconf="portal.host_urls",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{base_url.rstrip('/')}{path}"


def portal_send_password_link(*, user, base_url: str, template: str) -> None:
    """E-mails ``user`` a one-time set-password link (an invite or a reset)."""
    context = {
        "user": user,
        "client": user.client,
        "link": portal_set_password_link(user=user, base_url=base_url),
    }
    subject = render_to_string(f"portal/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"portal/email/{template}.txt", context)
    send_mail(subject, body, None, [user.email], fail_silently=False)


@transaction.atomic
def portal_user_invite(*, client, email: str, full_name: str = "", actor, base_url=None):
    """Creates a client user with no password and e-mails it a one-time set-password link.

    Inviting an address that is already a not-yet-activated user of the same client sends
    a fresh link; any other existing address is refused.
    """
    email = UserManager.normalize_email(email)
    if not email:
        raise ValidationError({"email": "Give an e-mail address."})
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if not (existing.client_id == client.pk and not existing.has_usable_password()):
            raise ValidationError({"email": "A user with this e-mail address already exists."})
        user = existing
    else:
        user = User(email=email, full_name=(full_name or "").strip(), role=Role.CLIENT)
        user.client = client
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    # Sent inside the transaction on purpose: if the mail cannot be sent, no half-invited
    # user is left behind and the caller sees the error.
    portal_send_password_link(
        user=user, base_url=base_url or portal_base_url(client), template="invite"
    )
    return user
