"""The weekly orphan job: stored objects no row names, past a day old, are removed."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from deliverables.tests.factories import make_deliverable
from files.cleanup import find_orphans, remove_orphans, stored_objects
from files.storage import new_key, put, storage
from files.tests.factories import make_attachment
from files.thumbnails import generate_thumbnail

pytestmark = pytest.mark.django_db


def test_orphans_are_reported_and_removed_and_known_files_kept(client_a, settings, tmp_path):
    # a storage of its own (a fresh in-memory one, or a folder of its own): other tests' files
    # would crowd the report's first 100 keys
    backend = settings.STORAGES["default"]["BACKEND"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": backend, "OPTIONS": {"location": str(tmp_path)}},
    }
    assert stored_objects("attachments") == []
    attachment = make_attachment(make_deliverable(client_a))
    generate_thumbnail(attachment.pk)
    attachment.refresh_from_db()
    orphan = put(new_key(), ContentFile(b"left behind"))
    later = timezone.now() + timedelta(days=2)
    assert orphan in find_orphans(now=later)
    report = remove_orphans(dry_run=True, now=later)
    assert orphan in report["keys"]
    assert report["removed"] == 0
    assert storage().exists(orphan)
    report = remove_orphans(now=later)
    assert not storage().exists(orphan)
    assert storage().exists(attachment.key)
    assert storage().exists(attachment.thumbnail_key)
    assert attachment.key not in report["keys"]


def test_fresh_objects_wait_for_the_grace_period(client_a):
    fresh = put(new_key(), ContentFile(b"upload in progress"))
    assert fresh not in find_orphans()
    storage().delete(fresh)
