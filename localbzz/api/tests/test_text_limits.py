"""Text limits (issue 9 item 8): defined once on the model, enforced alike on every surface."""

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models

from deliverables.models import DeliverableReview
from deliverables.tests.factories import make_deliverable
from forms.models import FormSubmission
from forms.tests.factories import make_form_submission
from localbzz.events.models import Event
from portal.models import ClientPortalRequest, PortalRequestReply
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

from .test_api_errors import assert_error
from .test_api_hardening import FORM, _api

ENTITY_APPS = ("clients", "team", "shoots", "deliverables", "tasks", "forms", "portal")


def test_every_text_field_of_the_entity_apps_has_one_limit_checked_by_full_clean():
    unbounded = []
    for label in ENTITY_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, models.TextField):
                    continue
                checked = any(
                    isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
                    for v in field.validators
                )
                if not field.max_length or not checked:
                    unbounded.append(f"{model._meta.label}.{field.name}")
    assert unbounded == []


def test_a_6_mb_public_message_is_refused_and_nothing_is_copied_anywhere(db):
    limit = FormSubmission._meta.get_field("message").max_length
    response = _api().post("/api/form-submissions", {**FORM, "message": "x" * (6 * 1024 * 1024)})
    assert response.status_code in {400, 413}
    response = _api().post("/api/form-submissions", {**FORM, "message": "x" * (limit + 1)})
    error = assert_error(response, 400, "invalid")
    assert "message" in error["details"]
    assert not FormSubmission.objects.exists()
    assert not Event.objects.exists()  # no event, so no webhook body and no live message
    ok = _api().post("/api/form-submissions", {**FORM, "message": "x" * limit})
    assert ok.status_code == 201


@pytest.mark.parametrize(
    ("path", "field", "limit"),
    [
        ("/api/shoots/{shoot}", "notes", 10_000),
        ("/api/deliverables/{deliverable}", "caption", 5_000),
        ("/api/deliverables/{deliverable}", "posting_instructions", 5_000),
        ("/api/tasks/{task}", "description", 10_000),
        ("/api/clients/{client}", "notes", 10_000),
        ("/api/portal-requests/{request}", "content", 10_000),
        ("/api/form-submissions/{submission}", "message", 5_000),
    ],
)
def test_api_updates_stop_at_the_models_limit(path, field, limit, admin_user, client_a):
    shoot = make_shoot(client_a)
    ids = {
        "shoot": shoot.pk,
        "deliverable": make_deliverable(client_a, shoot).pk,
        "task": make_task(client=client_a).pk,
        "client": client_a.pk,
        "request": make_portal_request(client_a).pk,
        "submission": make_form_submission().pk,
    }
    url = path.format(**ids)
    api = _api(admin_user)
    assert_error(api.patch(url, {field: "y" * (limit + 1)}), 400, "invalid")
    assert api.patch(url, {field: "y" * limit}).status_code == 200


def test_portal_request_api_and_page_share_the_limit(client_a, client_a_user, client):
    limit = ClientPortalRequest._meta.get_field("content").max_length
    api = _api(client_a_user)
    url = "/api/client-portal/acme/requests"
    assert_error(api.post(url, {"content": "z" * (limit + 1)}), 400, "invalid")
    client.force_login(client_a_user)
    page = client.post(
        "/portal/acme/requests/",
        {
            "request_type": "Request",
            "topic": "General",
            "priority": "Normal",
            "content": "z" * (5 * 1024 * 1024),
        },
    )
    assert page.status_code in {200, 400}  # the form again with its error (or refused whole)
    assert not ClientPortalRequest.objects.exists()
    fields = {"request_type": "Request", "topic": "General", "priority": "Normal"}
    page = client.post("/portal/acme/requests/", {**fields, "content": "z" * (limit + 1)})
    assert page.status_code in {200, 400}  # the page again, with the form's error
    assert f"at most {limit} characters".encode() in page.content
    assert not ClientPortalRequest.objects.exists()


def test_portal_reply_page_stops_at_the_models_limit(client_a, client_a_user, client):
    request = make_portal_request(client_a)
    limit = PortalRequestReply._meta.get_field("body").max_length
    client.force_login(client_a_user)
    page = client.post(f"/portal/acme/requests/{request.pk}/", {"body": "r" * (limit + 1)})
    assert page.status_code in {200, 400}
    assert f"at most {limit} characters".encode() in page.content
    assert not PortalRequestReply.objects.exists()


def test_dashboard_rejection_reason_stops_at_the_models_limit(team_user, client):
    submission = make_form_submission()
    limit = FormSubmission._meta.get_field("rejection_reason").max_length
    client.force_login(team_user)
    page = client.post(f"/submissions/{submission.pk}/reject/", {"reason": "n" * (limit + 1)})
    assert page.status_code in {200, 400}
    submission.refresh_from_db()
    assert submission.approval_status == "Pending"


def test_a_rejection_reason_over_the_limit_is_refused_by_the_service_too(admin_user):
    from django.core.exceptions import ValidationError

    from forms.services import form_submission_reject

    submission = make_form_submission()
    with pytest.raises(ValidationError):
        form_submission_reject(submission=submission, actor=admin_user, reason="n" * 2001)


def test_admin_refuses_an_overlong_message(admin_user, client):
    client.force_login(admin_user)
    response = client.post(
        "/admin/forms/formsubmission/add/",
        {**FORM, "social_handles": "{}", "services_wanted": "[]", "message": "m" * 5001},
    )
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_review_comment_limit_is_the_models_in_api_and_portal_form():
    from deliverables.api.serializers import DeliverableReviewSerializer
    from portal.forms import ReviewForm

    limit = DeliverableReview._meta.get_field("comment").max_length
    assert DeliverableReviewSerializer().fields["comment"].max_length == limit
    assert ReviewForm().fields["comment"].max_length == limit
