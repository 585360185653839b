"""``{% attachment_list owner %}``: the files section of a deliverable, shoot, task or request
page (staff pages and the portal alike), with upload and delete where the user may;
``{% client_logo client %}``: the logo card of the client's page."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from files.owners import kind_of, may_delete, may_upload, may_view
from files.selectors import owner_attachments
from files.sniffing import ALLOWED, PILLOW_TYPES

register = template.Library()
#: the newest files a page shows (the API lists them all)
PAGE_FILES = 50


@register.inclusion_tag("files/_attachments.html", takes_context=True)
def attachment_list(context, owner, heading: str = "Files"):
    user = context["request"].user
    if owner is None or not may_view(user, owner):
        return {"hidden": True}
    kind = kind_of(owner)
    return {
        "owner": owner,
        "heading": heading,
        "attachments": list(owner_attachments(owner)[:PAGE_FILES]),
        # a deliverable's files are its versions: the newest is the one to review
        "versions": kind.field == "deliverable",
        "can_upload": may_upload(user, owner),
        "can_delete": may_delete(user, owner),
        "upload_url": reverse(f"api:{kind.basename}-attachments", kwargs={"pk": owner.pk}),
        "accept": ",".join(f".{ext}" for ext in ALLOWED),
        "limit": settings.MAX_ATTACHMENT_SIZE,
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }


@register.inclusion_tag("files/_client_logo.html", takes_context=True)
def client_logo(context, client):
    """The client's logo with upload / replace / remove for whoever may change the client
    (``client`` read by the clients selector: ``logo_attachment_pk`` annotated)."""
    return {
        "client": client,
        "has_logo": getattr(client, "logo_attachment_pk", None) is not None,
        "can_change": may_delete(context["request"].user, client),
        "accept": ",".join(
            f".{ext}" for ext, a in ALLOWED.items() if a.content_type in PILLOW_TYPES
        ),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def upload_accept() -> str:
    """The ``accept`` of a file input: the extensions the upload checks allow."""
    return ",".join(f".{ext}" for ext in ALLOWED)


@register.simple_tag
def upload_limit() -> int:
    """``MAX_ATTACHMENT_SIZE``, for a form's help text."""
    return settings.MAX_ATTACHMENT_SIZE
