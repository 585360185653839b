"""Approve / request changes on a deliverable in Needs Review, from the portal."""

import pytest

from deliverables.models import DeliverableReview, DeliverableStatus
from deliverables.tests.factories import make_deliverable
from localbzz.events.models import Event
from team.tests.factories import make_team_member


@pytest.fixture
def in_review(client_a):
    return make_deliverable(
        client_a,
        title="Spring reel",
        status=DeliverableStatus.NEEDS_REVIEW,
        caption="Fresh bread every morning",
        assignee=make_team_member(),
    )


def test_client_approves_deliverable_moves_to_ready_to_post(acme, client_a_user, in_review):
    response = acme.post(f"/deliverables/{in_review.pk}/review/", {"decision": "Approved"})
    assert response.status_code == 302
    assert response["Location"] == f"/deliverables/{in_review.pk}/"
    in_review.refresh_from_db()
    assert in_review.status == DeliverableStatus.READY_TO_POST
    review = DeliverableReview.objects.get(deliverable=in_review)
    assert review.decision == "Approved"
    assert review.reviewed_by == client_a_user
    assert review.created_at is not None
    event = Event.objects.get(type="deliverable.status_changed", object_id=str(in_review.pk))
    assert event.actor == client_a_user
    assert event.data["changes"]["status"] == {
        "from": "Needs Review",
        "to": "Ready-To-Post",
    }


def test_client_requests_changes_with_comment_moves_to_in_progress(acme, client_a_user, in_review):
    response = acme.post(
        f"/deliverables/{in_review.pk}/review/",
        {"decision": "Changes Requested", "comment": "Brighter intro please"},
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == DeliverableStatus.IN_PROGRESS
    review = DeliverableReview.objects.get(deliverable=in_review)
    assert (review.decision, review.comment, review.reviewed_by) == (
        "Changes Requested",
        "Brighter intro please",
        client_a_user,
    )
    event = Event.objects.get(type="deliverable.status_changed", object_id=str(in_review.pk))
    assert event.data["changes"]["review"]["comment"] == "Brighter intro please"
    page = acme.get(f"/deliverables/{in_review.pk}/")
    assert b"Brighter intro please" in page.content


def test_request_changes_without_comment_is_refused_and_changes_nothing(acme, in_review):
    response = acme.post(
        f"/deliverables/{in_review.pk}/review/", {"decision": "Changes Requested", "comment": " "}
    )
    assert response.status_code == 400
    assert b"Say what should change." in response.content
    in_review.refresh_from_db()
    assert in_review.status == DeliverableStatus.NEEDS_REVIEW
    assert not DeliverableReview.objects.exists()


def test_review_of_deliverable_not_in_needs_review_is_refused(acme, client_a):
    done = make_deliverable(client_a, status=DeliverableStatus.DELIVERED)
    response = acme.post(f"/deliverables/{done.pk}/review/", {"decision": "Approved"})
    assert response.status_code == 400
    done.refresh_from_db()
    assert done.status == DeliverableStatus.DELIVERED
    assert not DeliverableReview.objects.exists()


def test_review_buttons_show_only_in_needs_review(acme, client_a, in_review):
    page = acme.get(f"/deliverables/{in_review.pk}/")
    assert b"Approve" in page.content
    assert b"Request changes" in page.content
    other = make_deliverable(client_a, status=DeliverableStatus.IN_PROGRESS)
    page = acme.get(f"/deliverables/{other.pk}/")
    assert b"Request changes" not in page.content


def test_review_get_is_not_allowed(acme, in_review):
    assert acme.get(f"/deliverables/{in_review.pk}/review/").status_code == 405
