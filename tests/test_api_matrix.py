"""Every API endpoint x method x role answers what DESIGN.md §3 demands.

The table below has one row per (route name, method). ``test_every_api_route_has_a_row``
walks the URL resolver: an endpoint added under /api/ without a row fails the build, by name.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from batch.models import BatchJob
from calendars.services import calendar_feed_create
from deliverables.models import DeliverableStatus
from deliverables.tests.factories import make_deliverable
from files.tests.factories import jpeg_bytes, make_attachment, png_bytes, upload
from files.thumbnails import generate_thumbnail
from forms.tests.factories import make_form_submission
from localbzz.accounts.api_keys import api_key_create
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.testing import PASSWORD, fresh_ip
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

ROLES = ("admin", "team", "client_a", "client_b", "anon")
SKIP = {"api:not-found"}


def S(admin, team, client_a, client_b, anon):  # noqa: N802 - reads like a table
    return dict(zip(ROLES, (admin, team, client_a, client_b, anon), strict=True))


ALL_READ = S(200, 200, 200, 200, 401)
OWN_READ = S(200, 200, 200, 404, 401)
STAFF_READ = S(200, 200, 403, 403, 401)
STAFF_OBJ_READ = S(200, 200, 404, 404, 401)
ADMIN_LIST = S(200, 403, 403, 403, 401)
ADMIN_OBJ = S(200, 404, 404, 404, 401)
PUBLIC = S(200, 200, 200, 200, 200)

BATCH = ("client", "team-member", "shoot", "deliverable", "task", "form-submission")
BATCH += ("portal-request",)
TEAM_IMPORTS = ("shoot", "deliverable", "task")

MATRIX: dict[tuple[str, str], dict] = {
    # docs
    ("schema", "GET"): PUBLIC,
    ("docs", "GET"): PUBLIC,
    ("redoc", "GET"): PUBLIC,
    # auth
    ("auth-token", "POST"): PUBLIC,
    ("auth-token-refresh", "POST"): S(401, 401, 401, 401, 401),  # a forged refresh token
    ("auth-logout", "POST"): S(400, 400, 400, 400, 400),  # a forged refresh token
    ("auth-me", "GET"): ALL_READ,
    ("auth-user-deprecated", "GET"): ALL_READ,
    # users: admins only
    ("user-list", "GET"): ADMIN_LIST,
    ("user-list", "POST"): S(201, 403, 403, 403, 401),
    ("user-detail", "GET"): ADMIN_OBJ,
    ("user-detail", "PUT"): ADMIN_OBJ,
    ("user-detail", "PATCH"): ADMIN_OBJ,
    ("user-detail", "DELETE"): S(204, 404, 404, 404, 401),
    # API keys: admins only; DELETE revokes
    ("api-key-list", "GET"): ADMIN_LIST,
    ("api-key-list", "POST"): S(201, 403, 403, 403, 401),
    ("api-key-detail", "DELETE"): S(204, 404, 404, 404, 401),
    ("audit-list", "GET"): ADMIN_LIST,
    ("privacy-export", "GET"): ADMIN_LIST,
    ("privacy-erase", "POST"): ADMIN_LIST,
    ("usage-list", "GET"): ADMIN_LIST,
    # clients: admin all, team read + update, client its own profile
    ("client-list", "GET"): ALL_READ,
    ("client-list", "POST"): S(201, 403, 403, 403, 401),
    ("client-detail", "GET"): OWN_READ,
    ("client-detail", "PUT"): S(200, 200, 403, 404, 401),
    ("client-detail", "PATCH"): S(200, 200, 403, 404, 401),
    ("client-detail", "DELETE"): S(204, 403, 403, 404, 401),
    ("client-shoots", "GET"): OWN_READ,
    ("client-deliverables", "GET"): OWN_READ,
    ("client-tasks", "GET"): STAFF_READ,
    ("client-portal-users", "POST"): S(201, 201, 404, 404, 401),
    ("client-plan", "GET"): S(200, 200, 403, 404, 401),
    ("client-plan", "POST"): S(200, 200, 403, 404, 401),
    ("client-report", "GET"): OWN_READ,
    # team members: admin all, team read, client the people on its own shoots
    ("team-member-list", "GET"): ALL_READ,
    ("team-member-list", "POST"): S(201, 403, 403, 403, 401),
    ("team-member-detail", "GET"): OWN_READ,
    ("team-member-detail", "PUT"): S(200, 403, 403, 404, 401),
    ("team-member-detail", "PATCH"): S(200, 403, 403, 404, 401),
    ("team-member-detail", "DELETE"): S(204, 403, 403, 404, 401),
    ("team-member-tasks", "GET"): STAFF_READ,
    # shoots: staff all (team not a completed one's delete), client reads own
    ("shoot-list", "GET"): ALL_READ,
    ("shoot-list", "POST"): S(201, 201, 403, 403, 401),
    ("shoot-detail", "GET"): OWN_READ,
    ("shoot-detail", "PUT"): S(200, 200, 403, 404, 401),
    ("shoot-detail", "PATCH"): S(200, 200, 403, 404, 401),
    ("shoot-detail", "DELETE"): S(204, 204, 403, 404, 401),
    ("shoot-deliverables", "GET"): OWN_READ,
    # deliverables: staff all, client reads own and reviews in Needs Review
    ("deliverable-list", "GET"): ALL_READ,
    ("deliverable-list", "POST"): S(201, 201, 403, 403, 401),
    ("deliverable-detail", "GET"): OWN_READ,
    ("deliverable-detail", "PUT"): S(200, 200, 403, 404, 401),
    ("deliverable-detail", "PATCH"): S(200, 200, 403, 404, 401),
    ("deliverable-detail", "DELETE"): S(204, 204, 403, 404, 401),
    ("deliverable-review", "POST"): S(403, 403, 200, 404, 401),
    # tasks and time tracking: staff only
    ("task-list", "GET"): STAFF_READ,
    ("task-list", "POST"): S(201, 201, 403, 403, 401),
    ("task-detail", "GET"): STAFF_OBJ_READ,
    ("task-detail", "PUT"): STAFF_OBJ_READ,
    ("task-detail", "PATCH"): STAFF_OBJ_READ,
    ("task-detail", "DELETE"): S(204, 204, 404, 404, 401),
    ("task-timer-start", "POST"): S(201, 201, 404, 404, 401),
    ("task-timer-stop", "POST"): S(409, 409, 404, 404, 401),  # no timer running
    ("task-time-entries", "GET"): STAFF_OBJ_READ,
    ("task-time-entries", "POST"): S(201, 201, 404, 404, 401),
    # form submissions: public creates, team reads / updates / approves, admin all
    ("form-submission-list", "GET"): STAFF_READ,
    ("form-submission-list", "POST"): S(201, 403, 403, 403, 201),
    ("form-submission-detail", "GET"): STAFF_OBJ_READ,
    ("form-submission-detail", "PUT"): STAFF_OBJ_READ,
    ("form-submission-detail", "PATCH"): STAFF_OBJ_READ,
    ("form-submission-approve", "POST"): STAFF_OBJ_READ,
    ("form-submission-reject", "POST"): STAFF_OBJ_READ,
    # portal requests: staff read / update, client creates and reads own
    ("portal-request-list", "GET"): ALL_READ,
    ("portal-request-detail", "GET"): OWN_READ,
    ("portal-request-detail", "PUT"): S(200, 200, 403, 404, 401),
    ("portal-request-detail", "PATCH"): S(200, 200, 403, 404, 401),
    ("client-portal-requests", "GET"): OWN_READ,
    ("client-portal-requests", "POST"): S(201, 403, 201, 404, 401),
    ("client-portal-deliverables", "GET"): OWN_READ,
    ("portal-request-convert", "POST"): S(201, 201, 403, 404, 401),  # into a task
    # events, webhooks, notifications (the events area's routes)
    ("event-list", "GET"): ALL_READ,
    ("webhook-list", "GET"): ADMIN_LIST,
    ("webhook-list", "POST"): S(201, 403, 403, 403, 401),
    ("webhook-detail", "GET"): ADMIN_OBJ,
    ("webhook-detail", "PUT"): ADMIN_OBJ,
    ("webhook-detail", "PATCH"): ADMIN_OBJ,
    ("webhook-detail", "DELETE"): S(204, 404, 404, 404, 401),
    ("webhook-rotate-secret", "POST"): ADMIN_OBJ,
    ("webhook-deliveries", "GET"): ADMIN_OBJ,
    ("webhook-test", "POST"): ADMIN_OBJ,
    ("webhook-delivery-redeliver", "POST"): S(404, 404, 404, 404, 401),  # no such delivery
    ("notification-list", "GET"): ALL_READ,
    ("notification-mark-read", "POST"): ALL_READ,
    ("notification-preferences", "GET"): ALL_READ,
    ("notification-preferences", "POST"): ALL_READ,
    # attachments: the owner's policy; a client reads its deliverables' and requests' files
    # and uploads to its own requests (a shoot's files are not its to see: 403 on its shoot)
    ("deliverable-attachments", "GET"): OWN_READ,
    ("deliverable-attachments", "POST"): S(201, 201, 403, 404, 401),
    ("shoot-attachments", "GET"): S(200, 200, 403, 404, 401),
    ("shoot-attachments", "POST"): S(201, 201, 403, 404, 401),
    ("task-attachments", "GET"): STAFF_OBJ_READ,
    ("task-attachments", "POST"): S(201, 201, 404, 404, 401),
    ("portal-request-attachments", "GET"): OWN_READ,
    ("portal-request-attachments", "POST"): S(201, 201, 201, 404, 401),
    ("attachment-detail", "GET"): OWN_READ,
    ("attachment-detail", "DELETE"): S(204, 204, 403, 404, 401),
    ("attachment-download", "GET"): OWN_READ,
    ("attachment-preview", "GET"): OWN_READ,
    ("attachment-thumbnail", "GET"): OWN_READ,
    # a client's logo: whoever sees the client sees it; whoever changes the client changes it
    ("client-logo", "GET"): OWN_READ,
    ("client-logo", "POST"): S(201, 201, 403, 404, 401),
    ("client-logo", "DELETE"): S(204, 204, 403, 404, 401),
    # comments (two channels): whoever sees the owner reads and writes; a client its own
    **{(f"{o}-comments", "GET"): OWN_READ for o in ("deliverable", "shoot", "portal-request")},
    **{
        (f"{o}-comments", "POST"): S(201, 201, 201, 404, 401)
        for o in ("deliverable", "shoot", "portal-request")
    },
    # calendar feeds: each person its own (the matrix's feed is the team member's)
    ("calendar-feed-list", "GET"): ALL_READ,
    ("calendar-feed-list", "POST"): S(201, 201, 201, 400, 401),  # a client feed of client A
    ("calendar-feed-detail", "DELETE"): S(404, 204, 404, 404, 401),
    ("calendar-feed-rotate", "POST"): S(404, 200, 404, 404, 401),
    # Google Drive (not connected in tests): the team's folders; a link needs the settings
    ("shoot-drive-files", "GET"): S(200, 200, 403, 404, 401),
    ("deliverable-drive-file", "POST"): S(409, 409, 403, 404, 401),
    # batch (DESIGN §7): staff export every list; admins import all, the team shoots,
    # deliverables and tasks; a client user finds no batch route (404). A header-only file.
    **{(f"{b}-export", "GET"): S(200, 200, 404, 404, 401) for b in BATCH},
    **{
        (f"{b}-import", "POST"): S(200, 200 if b in TEAM_IMPORTS else 403, 404, 404, 401)
        for b in BATCH
        if b != "portal-request"
    },
    # an import job (admin's): its owner and admins follow and cancel it
    ("batch-job-detail", "GET"): ADMIN_OBJ,
    ("batch-job-cancel", "POST"): ADMIN_OBJ,
}

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def _api_routes():
    """(name, methods) of every named route under /api/."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                full = prefix + str(p.pattern)
                if not full.startswith("api/") or namespace != "api":
                    continue
                name = f"api:{p.name}"
                if name in SKIP:
                    continue
                callback = p.callback
                actions = getattr(callback, "actions", None)
                if actions:
                    # HEAD mirrors GET (DRF adds it to the actions when a view first runs).
                    methods = {m.upper() for m in actions} - {"HEAD", "OPTIONS"}
                else:
                    view_class = getattr(callback, "view_class", None) or getattr(
                        callback, "cls", None
                    )
                    methods = {
                        m.upper() for m in HTTP_METHODS if view_class and hasattr(view_class, m)
                    }
                found.append((p.name, methods))

    walk(get_resolver().url_patterns, "", None)
    return found


def test_every_api_route_has_a_row():
    missing = [
        f"{name} {method}"
        for name, methods in _api_routes()
        for method in sorted(methods)
        if (name, method) not in MATRIX
    ]
    assert not missing, (
        "API endpoints without a row in the permission matrix (tests/test_api_matrix.py): "
        + ", ".join(missing)
    )


def test_every_row_is_a_real_route():
    routes = {(name, m) for name, methods in _api_routes() for m in methods}
    stale = sorted(f"{n} {m}" for n, m in MATRIX if (n, m) not in routes)
    assert not stale, f"Rows for endpoints that no longer exist: {stale}"


@pytest.fixture
def world(admin_user, team_user, client_a, client_b, client_a_user, client_b_user):
    member = team_user.team_member
    shoot = make_shoot(client_a, crew=[(member, "Editor")])
    deliverable = make_deliverable(client_a, shoot, status=DeliverableStatus.NEEDS_REVIEW)
    task = make_task(client=client_a, assignees=[member])
    submission = make_form_submission()
    portal_request = make_portal_request(client_a)
    other_user = make_user(Role.TEAM)
    webhook = _make_webhook()
    api_key = api_key_create(actor=admin_user, name="Matrix")[0]
    attachment = make_attachment(deliverable)
    generate_thumbnail(attachment.pk)
    feed = calendar_feed_create(actor=team_user, scope="me")[0]
    batch_job = BatchJob.objects.create(collection="deliverables", user=admin_user)
    logo = make_attachment(client_a, name="logo.png", data=png_bytes())
    users = {
        "admin": admin_user,
        "team": team_user,
        "client_a": client_a_user,
        "client_b": client_b_user,
        "anon": None,
    }
    return SimpleNamespace(**locals())


def _make_webhook():
    from localbzz.events.models import WebhookEndpoint

    return WebhookEndpoint.objects.create(
        url="https://hooks.example.com/localbzz", event_types=["client.created"]
    )


def _kwargs(name: str, w) -> dict:
    by_basename = {
        "client": w.client_a.pk,
        "team-member": w.member.pk,
        "shoot": w.shoot.pk,
        "deliverable": w.deliverable.pk,
        "task": w.task.pk,
        "form-submission": w.submission.pk,
        "portal-request": w.portal_request.pk,
        "user": w.other_user.pk,
        "api-key": w.api_key.pk,
        "webhook": w.webhook.pk,
        "webhook-delivery": uuid.uuid4(),
        "client-portal": w.client_a.pk,
        "attachment": w.attachment.pk,
        "calendar-feed": w.feed.pk,
        "batch-job": w.batch_job.pk,
    }
    pattern = next(str(p.pattern) for p in _flat_patterns() if getattr(p, "name", None) == name)
    kwargs = {}
    if "(?P<pk>" in pattern:
        base = next(b for b in sorted(by_basename, key=len, reverse=True) if name.startswith(b))
        kwargs["pk"] = by_basename[base]
    if "(?P<client_id>" in pattern:
        kwargs["client_id"] = w.client_a.pk
    if "(?P<shoot_id>" in pattern:
        kwargs["shoot_id"] = w.shoot.pk
    if "(?P<team_member_id>" in pattern:
        kwargs["team_member_id"] = w.member.pk
    if "(?P<subdomain>" in pattern:
        kwargs["subdomain"] = w.client_a.client_portal_subdomain
    return kwargs


def _flat_patterns():
    out = []

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            else:
                out.append(p)

    walk(get_resolver().url_patterns)
    return out


def _body(name: str, method: str, w) -> dict:
    a = str(w.client_a.pk)
    m = str(w.member.pk)
    bodies = {
        # a team member without a second factor: an admin's code is accepted once, and the
        # matrix posts the same body for every role (accounts/tests/test_mfa.py: the admin)
        ("auth-token", "POST"): {"email": w.team_user.email, "password": PASSWORD},
        ("auth-token-refresh", "POST"): {"refresh": "forged.refresh.token"},
        ("auth-logout", "POST"): {"refresh": "forged.refresh.token"},
        ("user-list", "POST"): {
            "email": "new.person@localbzz.test",
            "password": "a-Long-and-unusual-passphrase-42",
            "role": "team",
        },
        ("user-detail", "PUT"): {"full_name": "Renamed"},
        ("api-key-list", "POST"): {"name": "Integrator"},
        ("privacy-erase", "POST"): {"email": "nobody@example.com"},
        ("privacy-export", "GET"): {"email": "nobody@example.com"},
        ("user-detail", "PATCH"): {"full_name": "Renamed"},
        ("client-list", "POST"): {"name": "New Co", "client_portal_subdomain": "newco"},
        ("client-detail", "PUT"): {"notes": "Changed"},
        ("client-detail", "PATCH"): {"notes": "Changed"},
        ("client-portal-users", "POST"): {"email": "invitee@acme.test"},
        ("team-member-list", "POST"): {
            "name": "Nina",
            "email": "nina@localbzz.test",
            "roles": ["Editor"],
        },
        ("team-member-detail", "PUT"): {"phone": "555"},
        ("team-member-detail", "PATCH"): {"phone": "555"},
        ("shoot-list", "POST"): {
            "client_id": a,
            "shoot_start": "2030-01-10T10:00:00Z",
            "duration": "02:00:00",
            "team": [{"team_member_id": m, "role": "Editor"}],
        },
        ("shoot-detail", "PUT"): {"location": "Harbour"},
        ("shoot-detail", "PATCH"): {"location": "Harbour"},
        ("deliverable-list", "POST"): {"client_id": a, "title": "Promo reel"},
        ("deliverable-detail", "PUT"): {"caption": "New caption"},
        ("deliverable-detail", "PATCH"): {"caption": "New caption"},
        ("deliverable-review", "POST"): {"decision": "Approved"},
        ("task-list", "POST"): {"name": "Edit reel", "client_id": a, "assignee_ids": [m]},
        ("task-detail", "PUT"): {"description": "More"},
        ("task-detail", "PATCH"): {"description": "More"},
        ("task-time-entries", "POST"): {
            "started_at": "2026-01-05T09:00:00Z",
            "duration": "01:30:00",
        },
        ("form-submission-list", "POST"): {
            "contact_name": "Pat",
            "email": "pat@example.com",
            "business_name": "Pat's Pies",
        },
        ("form-submission-detail", "PUT"): {"budget": "1000"},
        ("form-submission-detail", "PATCH"): {"budget": "1000"},
        ("form-submission-reject", "POST"): {"reason": "Out of area"},
        ("portal-request-detail", "PUT"): {"status": "Working"},
        ("portal-request-detail", "PATCH"): {"status": "Working"},
        ("client-portal-requests", "POST"): {"content": "Film our new menu", "topic": "Content"},
        ("portal-request-convert", "POST"): {"into": "task"},
        ("webhook-list", "POST"): {
            "url": "https://hooks.example.com/new",
            "event_types": ["client.created"],
        },
        ("webhook-detail", "PUT"): {"description": "Renamed"},
        ("webhook-detail", "PATCH"): {"description": "Renamed"},
        ("notification-mark-read", "POST"): {},
        **{
            (f"{owner}-attachments", "POST"): {"file": upload("photo.jpg", jpeg_bytes())}
            for owner in ("deliverable", "shoot", "task", "portal-request")
        },
        ("deliverable-drive-file", "POST"): {"file_id": "1AbCdEfGhIjKlMnOp"},
        **{
            (f"{o}-comments", "POST"): {"body": "Looks great", "visibility": "client"}
            for o in ("deliverable", "shoot", "portal-request")
        },
        ("calendar-feed-list", "POST"): {"scope": "client", "client_id": a},
        ("client-logo", "POST"): {"file": upload("logo.png", png_bytes())},
        **{(f"{b}-import", "POST"): {"file": upload("rows.csv", b"id\r\n")} for b in BATCH},
    }
    return bodies.get((name, method), {})


def api_client_for(user) -> APIClient:
    api = APIClient(REMOTE_ADDR=fresh_ip())
    if user is not None:
        token = RefreshToken.for_user(user).access_token
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), sorted(MATRIX))
def test_role_gets_the_status_the_matrix_demands(world, name, method, role):
    expected = MATRIX[(name, method)][role]
    url = reverse(f"api:{name}", kwargs=_kwargs(name, world))
    api = api_client_for(world.users[role])
    body = _body(name, method, world)
    fmt = "multipart" if any(hasattr(v, "read") for v in body.values()) else "json"
    response = getattr(api, method.lower())(url, body, format=fmt)
    assert response.status_code == expected, (
        f"{method} {url} as {role}: {response.status_code} (wanted {expected}) "
        f"{response.content[:300]!r}"
    )
    if response.status_code >= 400:
        assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
