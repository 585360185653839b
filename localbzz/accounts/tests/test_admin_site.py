"""Every registered admin screen opens for an admin, with a constant number of queries."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt.tokens import RefreshToken

from batch.models import BatchJob, CleanupReport
from calendars.services import calendar_feed_create
from clients.tests.factories import make_client
from comments.services import comment_create
from deliverables.models import DeliverableReview, ReviewDecision
from deliverables.tests.factories import make_deliverable
from files.tests.factories import make_attachment
from forms.tests.factories import make_form_submission
from localbzz.accounts.api_keys import api_key_create
from localbzz.accounts.models import ApiKey, Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events.models import (
    Event,
    Notification,
    NotificationKind,
    NotificationPreference,
    WebhookDelivery,
    WebhookEndpoint,
)
from ops.models import UsageDaily
from portal.models import PortalRequestReply
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.models import TimeEntry
from tasks.tests.factories import make_task
from team.models import TeamRole
from team.tests.factories import make_team_member

REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
IDS = [model._meta.label for model, _ in REGISTRY]


def make_world(admin_user):
    """One row of each entity, linked together the way real data is."""
    member = make_team_member(roles=("Editor", "Content Creator"))
    client = make_client()
    shoot = make_shoot(client=client, crew=[(member, "Editor")])
    deliverable = make_deliverable(shoot=shoot, assignee=member)
    DeliverableReview.objects.create(
        deliverable=deliverable, decision=ReviewDecision.APPROVED, reviewed_by=admin_user
    )
    task = make_task(assignees=[member], client=client, shoot=shoot)
    start = timezone.now() - timedelta(hours=3)
    TimeEntry.objects.create(
        task=task, user=admin_user, started_at=start, ended_at=start + timedelta(hours=1)
    )
    make_form_submission()
    request = make_portal_request(client=client, assigned_to=member)
    comment_create(actor=admin_user, owner=request, body="Noted @admin", visibility="team")
    calendar_feed_create(actor=admin_user, scope="agency")
    PortalRequestReply.objects.create(request=request, author=admin_user, body="On it!")
    make_attachment(deliverable, actor=admin_user)
    make_user(Role.CLIENT, client=client)
    make_user(Role.TEAM)
    Group.objects.get_or_create(name="Editors")
    _make_event_rows(admin_user, client)
    _make_security_rows(admin_user)
    BatchJob.objects.create(collection="clients", user=admin_user, file_name="clients.csv")
    CleanupReport.objects.create(counts={"phone_format": 1})
    UsageDaily.objects.get_or_create(
        day=timezone.now().date(),
        dimension="route",
        key="api:client-list",
        defaults={"requests": 1},
    )
    return client


def _make_event_rows(admin_user, client):
    """An event with a webhook delivery and a notification, as the fan-out leaves them."""
    event = Event.objects.create(
        type="client.updated",
        actor=admin_user,
        client=client,
        object_type="clients.client",
        object_id=str(client.pk),
        data={"object": {"id": str(client.pk)}, "changes": {}},
    )
    endpoint = WebhookEndpoint.objects.create(
        url="https://hooks.example.com/localbzz", event_types=["client.updated"]
    )
    WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    person = make_user(Role.TEAM)
    kind = NotificationKind.choices[0][0]
    Notification.objects.create(user=person, kind=kind, event=event, title="Hello")
    NotificationPreference.objects.create(user=person, kind=kind)


def _make_security_rows(admin_user):
    """A failed sign-in (django-axes), a blacklisted refresh token (simplejwt), an API key."""
    api_key_create(actor=admin_user, name=f"Key {ApiKey.objects.count()}")
    if AccessAttempt.objects.exists():
        return
    AccessAttempt.objects.create(
        username="someone@example.com",
        ip_address="127.0.0.1",
        user_agent="test",
        failures_since_start=1,
    )
    AccessFailureLog.objects.create(
        username="someone@example.com", ip_address="127.0.0.1", user_agent="test", locked_out=False
    )
    refresh = RefreshToken.for_user(admin_user)
    refresh.blacklist()


@pytest.fixture
def world(admin_user):
    return make_world(admin_user)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=IDS)
def test_admin_changelist_and_add_pages_open_for_admin(admin_client, world, model, model_admin):
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200, response.content[:500]
    # the search box and every filter answer too
    if model_admin.search_fields:
        assert admin_client.get(url(model, "changelist"), {"q": "a"}).status_code == 200
    response = admin_client.get(url(model, "add"))
    request = response.wsgi_request
    expected = 200 if model_admin.has_add_permission(request) else 403
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=IDS)
def test_admin_change_page_opens_for_admin(admin_client, world, admin_user, model, model_admin):
    obj = model._default_manager.first()
    assert obj is not None, f"the test world builds no {model._meta.label} row: add one"
    response = admin_client.get(url(model, "change", obj.pk))
    assert response.status_code == 200, response.content[:500]


def test_every_localbzz_model_has_an_admin_row_in_the_test_world():
    ours = {"accounts", "clients", "team", "shoots", "deliverables", "tasks", "forms", "portal"}
    registered = {m._meta.label for m, _ in REGISTRY if m._meta.app_label in ours}
    assert {
        "accounts.User",
        "clients.Client",
        "team.TeamMember",
        "team.TeamRole",
        "shoots.Shoot",
        "shoots.ShootAssignment",
        "deliverables.Deliverable",
        "deliverables.DeliverableReview",
        "tasks.Task",
        "tasks.TimeEntry",
        "forms.FormSubmission",
        "portal.ClientPortalRequest",
        "portal.PortalRequestReply",
    } <= registered


def _more_rows(admin_user, n):
    for _ in range(n):
        make_world(admin_user)
        TeamRole.objects.get_or_create(name="Scheduler")


OUR_ADMINS = [
    (model, model_admin)
    for model, model_admin in REGISTRY
    if model._meta.app_label
    in {
        "accounts",
        "clients",
        "team",
        "shoots",
        "deliverables",
        "tasks",
        "forms",
        "portal",
        "events",
        "comments",
        "calendars",
    }
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "model_admin"), OUR_ADMINS, ids=[m._meta.label for m, _ in OUR_ADMINS]
)
def test_admin_changelist_runs_same_number_of_queries_for_one_and_many_rows(
    admin_client, admin_user, django_assert_num_queries, model, model_admin
):
    _more_rows(admin_user, 1)
    changelist = url(model, "changelist")
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(changelist).status_code == 200
    _more_rows(admin_user, 6)
    assert model._default_manager.count() >= (1 if model is TeamRole else 6)
    with django_assert_num_queries(len(one.captured_queries)):
        assert admin_client.get(changelist).status_code == 200
