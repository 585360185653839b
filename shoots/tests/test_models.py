"""Shoot rules: the end is always start + duration; a duration is positive."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clients.tests.factories import make_client
from shoots.models import Shoot
from shoots.services import shoot_create, shoot_update
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db
START = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


def test_shoot_end_is_start_plus_duration():
    shoot = make_shoot(shoot_start=START, duration=timedelta(hours=3))
    shoot.refresh_from_db()
    assert shoot.shoot_end == START + timedelta(hours=3)


def test_shoot_end_follows_changes_of_start_and_duration():
    shoot = make_shoot(shoot_start=START, duration=timedelta(hours=1))
    shoot.duration = timedelta(minutes=90)
    shoot.save(update_fields=["duration"])
    shoot.refresh_from_db()
    assert shoot.shoot_end == START + timedelta(minutes=90)
    shoot_update(shoot=shoot, shoot_start=START + timedelta(days=1))
    shoot.refresh_from_db()
    assert shoot.shoot_end == START + timedelta(days=1, minutes=90)


def test_shoot_end_cannot_be_set_by_hand():
    shoot = make_shoot(shoot_start=START, duration=timedelta(hours=2))
    shoot.shoot_end = START + timedelta(hours=10)
    shoot.save()
    shoot.refresh_from_db()
    assert shoot.shoot_end == START + timedelta(hours=2)


@pytest.mark.parametrize("duration", [timedelta(0), timedelta(minutes=-30)])
def test_duration_must_be_positive(duration):
    with pytest.raises(ValidationError) as exc:
        shoot_create(client=make_client(), shoot_start=START, duration=duration)
    assert "duration" in exc.value.message_dict
    assert not Shoot.objects.exists()


def test_database_refuses_non_positive_duration():
    shoot = make_shoot(shoot_start=START)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shoot.objects.filter(pk=shoot.pk).update(duration=timedelta(0))
