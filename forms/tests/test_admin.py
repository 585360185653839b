"""Approve and reject actions on form submissions call the approval services."""

import pytest
from django.urls import reverse

from clients.models import Client, ClientStatus
from forms.models import ApprovalStatus
from forms.tests.factories import make_form_submission
from localbzz.events.models import Event

CHANGELIST = "admin:forms_formsubmission_changelist"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_admin_approve_action_creates_one_pitching_client_per_submission(admin_client):
    subs = [make_form_submission(business_name=f"Cosy Corner Café {i}") for i in range(2)]
    data = {"action": "approve_submissions", "_selected_action": [str(s.pk) for s in subs]}
    admin_client.post(reverse(CHANGELIST), data, follow=True)
    admin_client.post(reverse(CHANGELIST), data, follow=True)  # approving twice adds nothing
    assert Client.objects.filter(status=ClientStatus.PITCHING).count() == 2
    for sub in subs:
        sub.refresh_from_db()
        assert sub.approval_status == ApprovalStatus.APPROVED
        assert sub.client.name == sub.business_name
    assert Event.objects.filter(type="form_submission.approved").count() == 2


@pytest.mark.django_db
def test_admin_reject_action_asks_for_a_reason_then_rejects(admin_client, admin_user):
    sub = make_form_submission()
    base = {"action": "reject_submissions", "_selected_action": [str(sub.pk)]}
    page = admin_client.post(reverse(CHANGELIST), base)
    assert page.status_code == 200
    assert b'name="reason"' in page.content
    sub.refresh_from_db()
    assert sub.approval_status == ApprovalStatus.PENDING

    empty = admin_client.post(reverse(CHANGELIST), {**base, "apply": "1", "reason": " "})
    assert empty.status_code == 200  # the form again, with its error
    sub.refresh_from_db()
    assert sub.approval_status == ApprovalStatus.PENDING

    admin_client.post(
        reverse(CHANGELIST), {**base, "apply": "1", "reason": "Outside our area"}, follow=True
    )
    sub.refresh_from_db()
    assert sub.approval_status == ApprovalStatus.REJECTED
    assert sub.rejection_reason == "Outside our area"
    assert sub.reviewed_by == admin_user
    assert Event.objects.filter(type="form_submission.rejected", object_id=str(sub.pk)).exists()


@pytest.mark.django_db
def test_admin_reject_action_leaves_approved_submission_approved(admin_client):
    from forms.services import form_submission_approve

    sub = make_form_submission()
    form_submission_approve(submission=sub, actor=None)
    admin_client.post(
        reverse(CHANGELIST),
        {
            "action": "reject_submissions",
            "_selected_action": [str(sub.pk)],
            "apply": "1",
            "reason": "Changed our mind",
        },
        follow=True,
    )
    sub.refresh_from_db()
    assert sub.approval_status == ApprovalStatus.APPROVED
