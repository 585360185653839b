"""Who may open each dashboard page: staff in, anonymous to sign in, clients never see it."""

import pytest

from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

PAGES = [
    "/",
    "/home/cards/",
    "/clients/",
    "/clients/{client}/",
    "/clients/{client}/edit/",
    "/shoots/",
    "/shoots/calendar/",
    "/shoots/calendar/?view=week",
    "/shoots/new/",
    "/shoots/{shoot}/",
    "/shoots/{shoot}/edit/",
    "/deliverables/",
    "/deliverables/new/",
    "/deliverables/board/",
    "/deliverables/board/column/In%20Progress/",
    "/deliverables/{deliverable}/",
    "/deliverables/{deliverable}/delete/",
    "/tasks/",
    "/tasks/new/",
    "/tasks/board/",
    "/tasks/board/partial/",
    "/tasks/{task}/",
    "/tasks/{task}/edit/",
    "/tasks/{task}/delete/",
    "/submissions/",
    "/submissions/{submission}/",
    "/requests/",
    "/requests/inbox/",
    "/requests/{request}/",
    "/team/",
    "/team/{member}/",
]

ACTIONS = [
    ("/shoots/{shoot}/status/", {"status": "Postponed"}),
    ("/deliverables/{deliverable}/status/", {"status": "Needs Review"}),
    ("/tasks/{task}/status/", {"status": "Blocked"}),
    ("/tasks/{task}/timer/start/", {}),
    ("/tasks/timer/stop/", {}),
    ("/tasks/{task}/time/", {"started_at": "2026-01-05T10:00", "minutes": "30"}),
    ("/tasks/{task}/assign-me/", {}),
    ("/submissions/{submission}/approve/", {}),
    ("/submissions/{submission}/reject/", {"reason": "Out of area"}),
    ("/requests/{request}/update/", {"status": "Done", "priority": "Normal", "topic": "General"}),
    ("/requests/{request}/reply/", {"body": "On it"}),
    ("/shoots/{shoot}/delete/", {}),
    ("/deliverables/{deliverable}/delete/", {}),
    ("/tasks/{task}/delete/", {}),
    ("/clients/{client}/delete/", {}),
]


@pytest.fixture
def ids(client_a, team_user):
    shoot = make_shoot(client_a, crew=[(team_user.team_member, "Editor")])
    deliverable = make_deliverable(client_a, shoot=shoot)
    return {
        "client": client_a.pk,
        "shoot": shoot.pk,
        "deliverable": deliverable.pk,
        "task": make_task(client=client_a).pk,
        "submission": make_form_submission().pk,
        "request": make_portal_request(client_a).pk,
        "member": team_user.team_member.pk,
    }


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, ids, page):
    response = client.get(page.format(**ids))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("page", PAGES)
def test_client_user_gets_404_on_every_dashboard_page(client, ids, client_a_user, page):
    client.force_login(client_a_user)
    assert client.get(page.format(**ids)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["team", "admin"])
def test_staff_open_every_dashboard_page(client, ids, team_user, admin_user, page, role):
    client.force_login(team_user if role == "team" else admin_user)
    response = client.get(page.format(**ids))
    assert response.status_code == 200
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return
    if "/board/" in page or page.endswith("/cards/") or page.endswith("/inbox/"):
        assert b"data-live-types" in response.content  # a live partial, not a page
    else:
        assert b'id="main"' in response.content


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_client_user_cannot_take_any_dashboard_action(client, ids, client_a_user, action, data):
    client.force_login(client_a_user)
    assert client.post(action.format(**ids), data).status_code == 404


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_anonymous_post_changes_nothing_and_goes_to_sign_in(client, ids, action, data):
    response = client.post(action.format(**ids), data)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_inactive_staff_user_is_refused(client, ids):
    user = make_user(Role.TEAM, is_active=False)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code in (302, 404)


def test_get_on_a_post_only_action_is_refused(client, ids, team_user):
    client.force_login(team_user)
    assert client.get(f"/deliverables/{ids['deliverable']}/status/").status_code == 405
    assert client.get("/accounts/logout/").status_code == 405


def test_unknown_ids_answer_404_not_500(client, team_user):
    client.force_login(team_user)
    missing = "00000000-0000-0000-0000-000000000000"
    for page in (
        "/clients/{0}/",
        "/shoots/{0}/",
        "/deliverables/{0}/",
        "/tasks/{0}/",
        "/submissions/{0}/",
        "/requests/{0}/",
        "/team/{0}/",
    ):
        assert client.get(page.format(missing)).status_code == 404
    assert client.get("/deliverables/board/column/Nope/").status_code == 400
