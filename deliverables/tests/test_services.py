"""Deliverable services: status moves and client reviews emit events."""

import pytest
from django.core.exceptions import ValidationError

from deliverables.models import DeliverableStatus, ReviewDecision
from deliverables.services import deliverable_review, deliverable_set_status
from deliverables.tests.factories import make_deliverable
from localbzz.events.models import Event

pytestmark = pytest.mark.django_db


def test_set_status_stamps_time_and_emits(admin_user, django_capture_on_commit_callbacks):
    d = make_deliverable(status=DeliverableStatus.IN_PROGRESS)
    with django_capture_on_commit_callbacks() as callbacks:
        deliverable_set_status(
            deliverable=d, status=DeliverableStatus.NEEDS_REVIEW, actor=admin_user
        )
    assert len(callbacks) == 2  # status_changed + updated
    d.refresh_from_db()
    assert d.status_changed_at is not None
    event = Event.objects.get(type="deliverable.status_changed")
    assert event.client_visible
    assert event.data["changes"]["status"] == {"from": "In Progress", "to": "Needs Review"}


def test_set_status_refuses_unknown_status():
    with pytest.raises(ValidationError):
        deliverable_set_status(deliverable=make_deliverable(), status="Published")


def test_client_request_for_changes_needs_a_comment(client_a, client_a_user):
    d = make_deliverable(client=client_a, status=DeliverableStatus.NEEDS_REVIEW)
    with pytest.raises(ValidationError):
        deliverable_review(
            deliverable=d, actor=client_a_user, decision=ReviewDecision.CHANGES_REQUESTED
        )
    deliverable_review(deliverable=d, actor=client_a_user, decision=ReviewDecision.APPROVED)
    d.refresh_from_db()
    assert d.status == DeliverableStatus.READY_TO_POST
