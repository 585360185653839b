"""seed_demo: a believable agency, idempotent, deterministic, scalable."""

import hashlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, F

from clients.models import Client, ClientStatus
from deliverables.models import Deliverable, DeliverableStatus
from forms.models import ApprovalStatus, FormSubmission
from localbzz.accounts.models import Role, User
from portal.models import ClientPortalRequest
from shoots.models import Shoot
from tasks.models import Task, TaskStatus, TimeEntry

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "clients", "team", "shoots", "deliverables", "tasks", "forms", "portal")


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for label in OUR_APPS
        for m in apps.get_app_config(label).get_models()
    }


def _seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_twice_changes_nothing_and_prints_logins_both_times():
    first = _seed()
    after_first = _counts()
    second = _seed()
    assert _counts() == after_first
    for output in (first, second):
        assert "admin@localbzz.test" in output
        assert "localbzz-admin" in output
        assert "team@localbzz.test" in output
        assert "owner@acme.test" in output
    assert "nothing changed" in second


def test_seed_demo_builds_a_believable_agency():
    _seed()
    assert set(Client.objects.values_list("status", flat=True)) == set(ClientStatus.values)
    assert Client.objects.get(client_portal_subdomain="acme").status == ClientStatus.ACTIVE
    assert set(Deliverable.objects.values_list("status", flat=True)) == set(
        DeliverableStatus.values
    )
    assert set(FormSubmission.objects.values_list("approval_status", flat=True)) == set(
        ApprovalStatus.values
    )
    assert 300 <= Deliverable.objects.count() <= 2000
    assert TimeEntry.objects.exists()
    admin = User.objects.get(email="admin@localbzz.test")
    assert admin.is_superuser
    assert admin.check_password("localbzz-admin")
    team = User.objects.get(email="team@localbzz.test")
    assert team.team_member is not None
    assert team.check_password("localbzz-team")
    active = Client.objects.filter(status=ClientStatus.ACTIVE)
    assert User.objects.filter(role=Role.CLIENT, client__in=active).count() == active.count()


def test_seeded_rows_follow_the_model_rules():
    _seed()
    for shoot in Shoot.objects.all():
        assert shoot.shoot_end == shoot.shoot_start + shoot.duration
    assert not Deliverable.objects.exclude(shoot=None).exclude(shoot__client=F("client")).exists()
    assert not Task.objects.exclude(status=TaskStatus.COMPLETED).exclude(completed_at=None).exists()
    assert not TimeEntry.objects.filter(ended_at=None).exists()
    for model in (Client, Shoot, Deliverable, Task, FormSubmission):
        for obj in model.objects.all()[:50]:
            obj.full_clean()


def test_seed_demo_is_deterministic():
    _seed()
    first = sorted(Deliverable.objects.values_list("id", "title", "status"))
    User.objects.all().delete()
    Client.objects.all().delete()
    for label in OUR_APPS:
        for m in apps.get_app_config(label).get_models():
            m._default_manager.all().delete()
    _seed()
    assert sorted(Deliverable.objects.values_list("id", "title", "status")) == first


def test_seed_demo_scale_multiplies_volume():
    _seed("--scale", "2")
    assert Client.objects.count() == 24
    assert Deliverable.objects.count() > 1000


# What seed_demo wrote before the seeders moved to demo/ (one per entity, on the factories):
# the same rows, to the id. The seeded generator makes them independent of the day it runs.
SCALE_1 = (
    "8 team members, 12 clients, 17 users, 87 shoots, 193 shoot assignments, 985 deliverables, "
    "196 deliverable reviews, 163 tasks, 169 time entries, 10 form submissions, "
    "32 portal requests, 59 portal replies, 184 files."
)
DIGESTS = {
    Deliverable: (("id", "title", "status"), "0e6fcd30e5f194da"),
    Task: (("id", "name", "status"), "3d73a8718f7ca97f"),
    ClientPortalRequest: (("id", "content", "status"), "1a491db2909a5839"),
    FormSubmission: (("id", "business_name", "approval_status"), "ba3980f5200adc81"),
}


def test_seed_demo_writes_the_same_rows_as_ever():
    assert SCALE_1 in _seed()
    for model, (fields, digest) in DIGESTS.items():
        rows = sorted((str(a), b, c) for a, b, c in model.objects.values_list(*fields))
        assert hashlib.sha256(repr(rows).encode()).hexdigest()[:16] == digest, model


def test_seed_demo_gives_deliverables_pictures_a_clip_and_versions():
    from files.models import Attachment
    from files.storage import storage

    _seed()
    files = Attachment.objects.filter(deliverable__isnull=False)
    images = files.filter(content_type="image/jpeg")
    assert images.exists()
    assert not images.filter(thumbnail_key="").exists()  # every photo has its thumbnail
    assert files.filter(content_type="video/webm").exists()
    assert files.filter(version=2).exists()  # some deliverables have a second version
    carousel = files.filter(deliverable__deliverable_type="Carousel").values("deliverable")
    assert carousel.annotate(n=Count("pk")).filter(n__gt=1).exists()  # slides
    acme = files.filter(deliverable__client__client_portal_subdomain="acme")
    assert acme.filter(deliverable__status="Needs Review").exists()
    one = images.first()
    with storage().open(one.thumbnail_key, "rb") as fh:
        assert fh.read(3) == b"\xff\xd8\xff"  # a JPEG
    assert files.filter(size__gt=20_000).count() == 0  # the shipped files stay small
