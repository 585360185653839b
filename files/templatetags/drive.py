"""``{% drive_panel shoot %}`` and ``{% drive_picker deliverable %}``: a shoot's Drive folder
and its files on the staff pages, or a line saying Drive is not connected."""

from __future__ import annotations

from django import template
from django.urls import reverse

from files.drive.client import DriveError, connected
from files.drive.health import credential_problem
from files.drive.listing import folder_files
from files.models import DriveFolder
from localbzz.accounts.permissions import Action, allows, is_staff_user

register = template.Library()


def _state(shoot_id) -> dict:
    if not connected():
        return {"connected": False}
    state = {"connected": True, "problem": credential_problem(), "files": [], "error": ""}
    folder = DriveFolder.objects.filter(shoot_id=shoot_id).first() if shoot_id else None
    state["folder"] = folder
    if folder is not None:
        try:
            state["files"] = folder_files(folder.folder_id)
        except DriveError as exc:
            state["error"] = str(exc)
    return state


@register.inclusion_tag("files/_drive_panel.html", takes_context=True)
def drive_panel(context, shoot):
    if not is_staff_user(context["request"].user):
        return {"hidden": True}
    return {**_state(shoot.pk), "shoot": shoot}


@register.inclusion_tag("files/_drive_picker.html", takes_context=True)
def drive_picker(context, deliverable):
    user = context["request"].user
    if not is_staff_user(user):
        return {"hidden": True}
    return {
        **_state(deliverable.shoot_id),
        "deliverable": deliverable,
        "can_pick": allows(user, Action.CHANGE, deliverable),
        "pick_url": reverse("api:deliverable-drive-file", args=[deliverable.pk]),
        "csrf_token": context.get("csrf_token"),
    }
