"""The approval workflow: one Pitching client per approved submission; reasons for rejection."""

import pytest
from django.core.exceptions import ValidationError

from clients.models import Client, ClientStatus
from clients.tests.factories import make_client
from forms.models import ApprovalStatus
from forms.services import form_submission_approve, form_submission_reject
from forms.tests.factories import make_form_submission
from localbzz.events.models import Event

pytestmark = pytest.mark.django_db


def test_approve_creates_exactly_one_pitching_client(admin_user):
    sub = make_form_submission(business_name="Fern & Bloom Florist", services_wanted=["Reels"])
    client = form_submission_approve(submission=sub, actor=admin_user)
    assert client.status == ClientStatus.PITCHING
    assert client.name == "Fern & Bloom Florist"
    assert client.client_portal_subdomain == "fern-bloom-florist"
    assert client.services == ["Reels"]
    sub.refresh_from_db()
    assert (sub.approval_status, sub.client, sub.reviewed_by) == (
        ApprovalStatus.APPROVED,
        client,
        admin_user,
    )
    assert sub.reviewed_at is not None


def test_approving_twice_creates_nothing_more(admin_user):
    sub = make_form_submission()
    first = form_submission_approve(submission=sub, actor=admin_user)
    second = form_submission_approve(submission=sub, actor=admin_user)
    assert first == second
    assert Client.objects.count() == 1
    assert Event.objects.filter(type="form_submission.approved").count() == 1
    assert Event.objects.filter(type="client.created").count() == 1


def test_approved_client_gets_a_free_subdomain(admin_user):
    make_client(client_portal_subdomain="acme")
    client = form_submission_approve(
        submission=make_form_submission(business_name="Acme"), actor=admin_user
    )
    assert client.client_portal_subdomain == "acme-2"


def test_reject_needs_a_reason(admin_user):
    sub = make_form_submission()
    with pytest.raises(ValidationError) as exc:
        form_submission_reject(submission=sub, actor=admin_user, reason="   ")
    assert "reason" in exc.value.message_dict
    sub.refresh_from_db()
    assert sub.approval_status == ApprovalStatus.PENDING
    form_submission_reject(submission=sub, actor=admin_user, reason="Outside our area")
    sub.refresh_from_db()
    assert sub.approval_status == ApprovalStatus.REJECTED
    assert sub.rejection_reason == "Outside our area"
    assert not Client.objects.exists()


def test_approved_submission_cannot_be_rejected(admin_user):
    sub = make_form_submission()
    form_submission_approve(submission=sub, actor=admin_user)
    with pytest.raises(ValidationError):
        form_submission_reject(submission=sub, actor=admin_user, reason="Oops")


def test_approve_emits_on_commit(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        form_submission_approve(submission=make_form_submission(), actor=admin_user)
    assert len(callbacks) == 2  # client.created, form_submission.approved
