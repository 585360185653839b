"""Writes to client portal requests and their threads, and portal user invites."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from deliverables.services import deliverable_create
from localbzz.accounts.models import Role, User, UserManager
from localbzz.accounts.permissions import is_staff_user
from localbzz.events.services import emit
from localbzz.form_files import attach_form_files
from localbzz.services import delete_with_event, save_changes, validate_and_save
from tasks.models import TaskPriority
from tasks.services import task_create

from .models import ClientPortalRequest, PortalRequestReply, RequestPriority, RequestStatus


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
    if portal_request.status == RequestStatus.NEW and is_staff_user(author):
        # the agency answered: the client sees the request being worked on
        portal_request_update(
            portal_request=portal_request, actor=author, status=RequestStatus.WORKING
        )
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


#: what a portal request may become
CONVERT_INTO = ("task", "deliverable")


class AlreadyConverted(ValidationError):
    """The request was converted before (the API answers 409)."""


def _first_line(text: str, limit: int = 200) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return (lines[0] if lines else "Portal request")[:limit]


@transaction.atomic
def portal_request_convert(
    *, portal_request: ClientPortalRequest, into: str, actor=None, title: str = "", due_date=None
):
    """Turns a request into a task or a deliverable of its client, linked both ways; the
    request moves from New to Working and ``portal_request.converted`` tells the client's
    portal. Returns the new task or deliverable."""
    locked = ClientPortalRequest.objects.select_for_update().get(pk=portal_request.pk)
    if locked.converted_task_id or locked.converted_deliverable_id:
        raise AlreadyConverted("This request was already converted.")
    if into not in CONVERT_INTO:
        raise ValidationError({"into": f"'{into}' is not task or deliverable."})
    title = (title or "").strip() or _first_line(locked.content)
    link = f"From the client's portal request {locked.pk}:\n\n{locked.content}"
    if into == "task":
        urgent = locked.priority == RequestPriority.URGENT
        created = task_create(
            actor=actor,
            name=title,
            description=link[:10_000],
            client=locked.client,
            due_date=due_date,
            priority=TaskPriority.HIGH if urgent else TaskPriority.MEDIUM,
            assignees=[locked.assigned_to] if locked.assigned_to_id else [],
        )
        locked.converted_task = created
    else:
        created = deliverable_create(
            actor=actor, title=title, client=locked.client, due_date=due_date
        )
        locked.converted_deliverable = created
    locked.converted_at = timezone.now()
    changes = {"converted_into": {"from": None, "to": into}, "object_id": str(created.pk)}
    if locked.status == RequestStatus.NEW:
        locked.status = RequestStatus.WORKING
        changes["status"] = {"from": RequestStatus.NEW, "to": RequestStatus.WORKING}
    locked.save(
        update_fields=[
            "converted_task",
            "converted_deliverable",
            "converted_at",
            "status",
            "updated_at",
        ]
    )
    emit("portal_request.converted", locked, actor=actor, changes=changes)
    portal_request.__dict__.update(
        {k: v for k, v in locked.__dict__.items() if not k.startswith("_")}
    )
    return created
