"""Shoot services: crew and status changes, with their events."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clients.tests.factories import make_client
from localbzz.events.models import Event
from shoots.models import ShootStatus
from shoots.services import shoot_create, shoot_delete, shoot_set_status
from shoots.tests.factories import make_shoot
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db


def test_shoot_create_sets_crew_with_roles(admin_user):
    from django.utils import timezone

    editor, creator = make_team_member(), make_team_member()
    shoot = shoot_create(
        actor=admin_user,
        client=make_client(),
        shoot_start=timezone.now(),
        crew=[(editor, "Editor"), (creator, "Content Creator")],
    )
    assert sorted((a.team_member_id, a.role) for a in shoot.assignments.all()) == sorted(
        [(editor.pk, "Editor"), (creator.pk, "Content Creator")]
    )
    assert Event.objects.filter(type="shoot.created", object_id=str(shoot.pk)).count() == 1


def test_crew_role_must_be_known():
    from django.utils import timezone

    with pytest.raises(ValidationError):
        shoot_create(
            client=make_client(), shoot_start=timezone.now(), crew=[(make_team_member(), "Chef")]
        )


def test_status_change_emits_shoot_status_changed(admin_user, django_capture_on_commit_callbacks):
    shoot = make_shoot()
    with django_capture_on_commit_callbacks():
        shoot_set_status(shoot=shoot, status=ShootStatus.POSTPONED, actor=admin_user)
    event = Event.objects.get(type="shoot.status_changed")
    assert event.data["changes"]["status"] == {"from": "Scheduled", "to": "Postponed"}


def test_team_member_cannot_delete_completed_shoot(team_user, admin_user):
    shoot = make_shoot(status=ShootStatus.COMPLETED)
    with pytest.raises(PermissionDenied):
        shoot_delete(shoot=shoot, actor=team_user)
    shoot_delete(shoot=shoot, actor=admin_user)
    assert Event.objects.filter(type="shoot.deleted").count() == 1
