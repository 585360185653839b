"""Deliverable rules: the shoot belongs to the same client."""

import pytest
from django.core.exceptions import ValidationError

from clients.tests.factories import make_client
from deliverables.models import Deliverable
from deliverables.services import deliverable_create
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db


def test_deliverable_with_shoot_of_another_client_is_refused():
    shoot = make_shoot(client=make_client())
    with pytest.raises(ValidationError) as exc:
        deliverable_create(client=make_client(), shoot=shoot, title="Reel 1")
    assert "shoot" in exc.value.message_dict
    assert not Deliverable.objects.exists()


def test_deliverable_client_defaults_to_the_shoots_client():
    shoot = make_shoot()
    deliverable = deliverable_create(shoot=shoot, title="Reel 1")
    assert deliverable.client_id == shoot.client_id
    assert deliverable.status_changed_at is not None


def test_unknown_status_is_refused():
    with pytest.raises(ValidationError):
        deliverable_create(client=make_client(), title="Reel", status="Posted")
