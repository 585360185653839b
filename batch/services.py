"""The batch engine's entry points, shared by the API, the dashboard pages and the admin."""

from __future__ import annotations

from django.http import Http404
from rest_framework.request import Request

from localbzz.accounts.permissions import is_admin_user, is_staff_user

from .batch_jobs import start_import
from .collections import COLLECTIONS, Collection
from .importing import Report
from .models import BatchJob


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


def import_upload(*, collection: Collection, request, upload, dry_run: bool) -> Report | BatchJob:
    """Reads ``upload`` and imports it: the report, or the queued job of a file over
    ``BATCH_INLINE_ROWS`` rows (raises ``formats.FileError`` for an unreadable file)."""
    return start_import(
        collection=collection, request=api_request(request), upload=upload, dry_run=dry_run
    )
