"""The batch engine's entry points, shared by the API, the dashboard pages and the admin."""

from __future__ import annotations

from django.http import Http404
from rest_framework.request import Request

from localbzz.accounts.permissions import is_admin_user, is_staff_user

from .collections import COLLECTIONS, Collection
from .formats import read
from .importing import Importer, Report


def may_export(user) -> bool:
    return is_staff_user(user)


def may_import(user, collection: Collection) -> bool:
    """DESIGN §3: admins import every collection, the team shoots, deliverables and tasks."""
    if not collection.importable or not is_staff_user(user):
        return False
    return is_admin_user(user) or collection.team_imports


def collection_or_404(name: str) -> Collection:
    try:
        return COLLECTIONS[name]
    except KeyError:
        raise Http404("No such collection.") from None


def api_request(request) -> Request:
    """A DRF request around a page's request, signed in as its user (for the serializers)."""
    if isinstance(request, Request):
        return request
    wrapped = Request(request)
    wrapped.user = request.user
    return wrapped


def import_upload(*, collection: Collection, request, upload, dry_run: bool) -> Report:
    """Reads ``upload`` and imports it (raises ``formats.FileError`` for an unreadable file)."""
    header, rows, flat = read(upload, getattr(upload, "name", "") or "")
    return Importer(collection, api_request(request), dry_run=dry_run).run(header, rows, flat)
