"""Consent on form submissions (issue 14): stored with its time and the wording shown."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from rest_framework.test import APIClient

from forms.models import FormSubmission
from localbzz.testing import fresh_ip

pytestmark = pytest.mark.django_db
FORM = {"contact_name": "Pat Lee", "email": "pat@example.com", "business_name": "Pat's Pies"}
WHEN = datetime(2031, 3, 4, 10, 30, tzinfo=UTC)


def post(body):
    with mock.patch("forms.services.timezone.now", return_value=WHEN):
        return APIClient(REMOTE_ADDR=fresh_ip()).post("/api/form-submissions", body, format="json")


def test_consent_is_stored_with_its_time_and_the_sites_wording():
    wording = "Yes, Fern Florists may call me about my enquiry."
    response = post({**FORM, "consent_to_contact": True, "consent_text": wording})
    assert response.status_code == 201
    assert set(response.json()) == {"id", "status", "message"}  # a receipt, nothing stored
    lead = FormSubmission.objects.get()
    assert (lead.consent_at, lead.consent_text) == (WHEN, wording)


def test_without_wording_the_configured_one_is_stored(settings):
    settings.FORM_CONSENT_TEXT = "Our standard wording."
    post({**FORM, "consent_to_contact": True})
    assert FormSubmission.objects.get().consent_text == "Our standard wording."


def test_no_consent_stores_no_time_nor_wording():
    post({**FORM, "consent_to_contact": False, "consent_text": "ignored"})
    lead = FormSubmission.objects.get()
    assert (lead.consent_at, lead.consent_text) == (None, "")


def test_staff_see_it_and_cannot_change_it(admin_user):
    post({**FORM, "consent_to_contact": True})
    lead = FormSubmission.objects.get()
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(admin_user)
    shown = api.get(f"/api/form-submissions/{lead.pk}").json()
    assert shown["consent_at"].startswith("2031-03-04T10:30")
    api.patch(f"/api/form-submissions/{lead.pk}", {"consent_text": "forged"}, format="json")
    lead.refresh_from_db()
    assert lead.consent_text != "forged"


def test_an_over_long_wording_is_a_400():
    response = post({**FORM, "consent_to_contact": True, "consent_text": "x" * 1001})
    assert response.status_code == 400
    assert "consent_text" in response.json()["error"]["details"]
    assert not FormSubmission.objects.exists()
