import pytest
from django.test import TestCase

from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events import delivery as deliveries
from localbzz.events import services
from localbzz.events.models import Notification, NotificationKind, NotificationPreference


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


pytestmark = [pytest.mark.django_db, pytest.mark.urls("localbzz.events.tests.urls")]
committed = TestCase.captureOnCommitCallbacks


def _login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("team", 404), ("client_a", 404), ("anonymous", 302)],
)
def test_webhook_pages_are_admin_only(client, request, role, expected):
    user = None if role == "anonymous" else request.getfixturevalue(f"{role}_user")
    response = _login(client, user).get("/events/webhooks/")
    assert response.status_code == expected


def test_admin_creates_endpoint_sees_secret_once_and_redelivers(client, admin_user, receiver):
    _login(client, admin_user)
    response = client.post(
        "/events/webhooks/new/",
        {"url": receiver.url, "event_types": ["client.status_changed"], "is_active": "on"},
    )
    assert response.status_code == 200
    endpoint = admin_user.__class__.objects  # noqa: F841 - placeholder to keep names short
    from localbzz.events.models import WebhookEndpoint

    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    detail = client.get(f"/events/webhooks/{endpoint.pk}/")
    assert endpoint.secret not in detail.content.decode()
    with committed(execute=True):
        client.post(f"/events/webhooks/{endpoint.pk}/test/")
    assert len(receiver.requests) == 1
    delivery = endpoint.deliveries.get()
    with committed(execute=True):
        client.post(f"/events/deliveries/{delivery.pk}/redeliver/")
    assert len(receiver.requests) == 2
    rotated = client.post(f"/events/webhooks/{endpoint.pk}/rotate/")
    endpoint.refresh_from_db()
    assert endpoint.secret in rotated.content.decode()


def test_webhook_pages_constant_queries(client, admin_user, receiver, django_assert_num_queries):
    _login(client, admin_user)
    endpoint = services.webhook_endpoint_create(
        actor=admin_user, url=receiver.url, event_types=["*"]
    )
    deliveries.webhook_endpoint_send_test(endpoint=endpoint)
    client.get("/events/webhooks/")  # warm session
    list_queries = _count(client, "/events/webhooks/")
    detail_queries = _count(client, f"/events/webhooks/{endpoint.pk}/")
    for _ in range(3):
        deliveries.webhook_endpoint_send_test(endpoint=endpoint)
    services.webhook_endpoint_create(actor=admin_user, url=receiver.url, event_types=["*"])
    with django_assert_num_queries(list_queries):
        client.get("/events/webhooks/")
    with django_assert_num_queries(detail_queries):
        client.get(f"/events/webhooks/{endpoint.pk}/")


def _notes(user, n):
    for i in range(n):
        Notification.objects.create(user=user, kind=NotificationKind.TASK_ASSIGNED, title=f"N{i}")


def test_notification_list_shows_own_only_and_marks_read(client, team_user, admin_user):
    _notes(team_user, 2)
    _notes(admin_user, 1)
    _login(client, team_user)
    page = client.get("/events/notifications/").content.decode()
    assert page.count("Mark read") == 2
    client.post("/events/notifications/read/")
    assert not Notification.objects.filter(user=team_user, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=admin_user, read_at__isnull=True).exists()


def test_notification_list_constant_queries(client, team_user, django_assert_num_queries):
    _login(client, team_user)
    _notes(team_user, 1)
    queries = _count(client, "/events/notifications/")
    _notes(team_user, 10)
    with django_assert_num_queries(queries):
        client.get("/events/notifications/")


def test_preferences_form_saves_each_kind(client, team_user):
    _login(client, team_user)
    page = client.get("/events/notifications/preferences/")
    assert "task_assigned_in_app" in page.content.decode()
    client.post("/events/notifications/preferences/", {"task_assigned_email": "on"})
    pref = NotificationPreference.objects.get(user=team_user, kind="task_assigned")
    assert (pref.in_app, pref.email) == (False, True)


def test_client_user_preferences_through_api_only_offer_review(client, client_a_user):
    _login(client, client_a_user)
    kinds = [p["kind"] for p in client.get("/api/notifications/preferences").json()["results"]]
    assert kinds == ["review_needed"]
    # as htmx sends the partial's form: url-encoded
    client.post(
        "/api/notifications/preferences",
        "review_needed_in_app=on",
        content_type="application/x-www-form-urlencoded",
    )
    pref = NotificationPreference.objects.get(user=client_a_user)
    assert (pref.in_app, pref.email) == (True, False)


def test_api_notifications_are_own_with_unread_count(client, client_a_user, team_user):
    _notes(client_a_user, 2)
    _notes(team_user, 1)
    _login(client, client_a_user)
    data = client.get("/api/notifications").json()
    assert data["count"] == 2
    assert data["unread"] == 2
    client.post("/api/notifications/read", {}, content_type="application/json")
    assert client.get("/api/notifications").json()["unread"] == 0
    assert client.get("/api/notifications", HTTP_AUTHORIZATION="").status_code == 200
    anon = client.__class__()
    assert anon.get("/api/notifications").status_code in (401, 403)


def test_bell_shows_unread_count(client, team_user):
    _notes(team_user, 3)
    _login(client, team_user)
    html = client.get("/events/notifications/").content.decode()
    assert "data-bell-count" in html
    assert ">3<" in html.replace(" ", "")


def test_other_users_notifications_cannot_be_marked(client, team_user):
    other = make_user(Role.TEAM)
    _notes(other, 1)
    _login(client, team_user)
    note = Notification.objects.get(user=other)
    client.post("/events/notifications/read/", {"id": [str(note.pk)]})
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.parametrize("body", ["[null, null]", "42", '"on"'])
def test_preferences_api_refuses_a_body_that_is_not_an_object(client, team_user, body):
    _login(client, team_user)
    response = client.post("/api/notifications/preferences", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"]
    assert not NotificationPreference.objects.filter(user=team_user).exists()


@pytest.mark.parametrize(
    "url", ["/events/notifications/read/", "/events/notifications/preferences/"]
)
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_next_never_leaves_the_site(client, team_user, url, target):
    _login(client, team_user)
    response = client.post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"].startswith("/events/notifications/")


def test_next_on_this_site_is_followed(client, team_user):
    _login(client, team_user)
    response = client.post("/events/notifications/read/", {"next": "/tasks/?mine=1"})
    assert response["Location"] == "/tasks/?mine=1"
