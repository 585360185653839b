"""One read path per list: the dashboard page, the API list and the client portal's page give
the same rows for the same query string, because each binds the entity's one FilterSet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.api.filters import MAX_SEARCH_TERMS
from localbzz.testing import api_client
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member

#: list -> (dashboard page, API list, portal page or None, the page's context -> rows)
LISTS = {
    "clients": ("/clients/", "/api/clients", None),
    "team": ("/team/", "/api/team-members", None),
    "shoots": ("/shoots/", "/api/shoots", "shoots/"),
    "deliverables": ("/deliverables/", "/api/deliverables", "deliverables/"),
    "tasks": ("/tasks/", "/api/tasks", None),
    "submissions": ("/submissions/", "/api/form-submissions", None),
    "requests": ("/requests/", "/api/portal-requests", "requests/"),
}

#: list -> query strings ({names} are filled in from the world below)
QUERIES = {
    "clients": [
        "",
        "status=Active",
        "status=Pitching&shoot_frequency=Quarterly",
        "search=bakery",
        "search=acme bakery",
        "search=owner",
    ],
    "team": ["", "is_active=true", "is_active=false", "role=Editor", "search=eve", "is_active=1"],
    "shoots": [
        "",
        "status=Scheduled",
        "client_id={client_a}",
        "team_member_id={eve}",
        "when=today",
        "when=week",
        "when=upcoming",
        "when=past",
        "search=harbour",
        "search=acme",
        "when=upcoming&client_id={client_b}",
    ],
    "deliverables": [
        "",
        "status=Delivered",
        "deliverable_type=Reel",
        "client_id={client_b}",
        "assignee_id={eve}",
        "due=overdue",
        "due=soon",
        "due=this_month",
        "open=true",
        "open=false",
        "search=teaser",
        "search=bravo",
        "due=overdue&assignee_id={eve}",
        "due_date_after={today}",
    ],
    "tasks": [
        "",
        "status=Blocked",
        "priority=High",
        "assignee_id={eve}",
        "client_id={client_a}",
        "open=true",
        "open=false",
        "due=overdue",
        "mine=true",
        "mine=1&open=1",
        "search=edit",
    ],
    "submissions": ["", "approval_status=Pending", "search=corner", "approval_status=Rejected"],
    "requests": [
        "",
        "status=New",
        "priority=Urgent",
        "topic=Strategy",
        "client_id={client_b}",
        "search=logo",
        "status=Done&client_id={client_a}",
    ],
}

CASES = [(name, query) for name, queries in QUERIES.items() for query in queries]


@pytest.fixture
def world(db, client_a, client_b, team_user):
    """A bit of every list, varied enough for every filter above to keep some rows out."""
    now, today = timezone.now(), timezone.localdate()
    me = team_user.team_member
    eve = make_team_member(name="Eve Editor", roles=("Editor",))
    make_team_member(name="Sam Scheduler", roles=("Scheduler",), is_active=False)
    make_client(name="Corner Cafe", status="Pitching", shoot_frequency="Quarterly")
    make_client(name="Old Client", status="Inactive")
    today_noon = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    shoots = [
        make_shoot(client_a, crew=[(eve, "Editor")], shoot_start=today_noon + timedelta(hours=12)),
        make_shoot(client_a, location="Harbour 3", shoot_start=now + timedelta(days=9)),
        make_shoot(client_a, crew=[(me, "Editor")], shoot_start=now - timedelta(days=20)),
        make_shoot(client_b, status="Cancelled", shoot_start=now + timedelta(days=2)),
        make_shoot(client_b, crew=[(eve, "Editor")], shoot_start=now - timedelta(days=3)),
    ]
    for i, (client, status, kind, due, assignee, title) in enumerate(
        [
            (client_a, "To Do", "Reel", -3, eve, "Spring teaser"),
            (client_a, "In Progress", "Photo", 2, me, "Menu photos"),
            (client_a, "Needs Review", "Carousel", 5, eve, "Carousel of cakes"),
            (client_a, "Delivered", "Reel", -1, None, "Launch reel"),
            (client_b, "Ready-To-Post", "Reel", 10, eve, "Barber teaser"),
            (client_b, "To Do", "Photo", None, None, "Shop photos"),
        ]
    ):
        make_deliverable(
            client,
            shoot=shoots[i % 2] if client == client_a else None,
            title=title,
            status=status,
            deliverable_type=kind,
            assignee=assignee,
            due_date=today + timedelta(days=due) if due is not None else None,
        )
    make_task(name="Edit reel", assignees=[eve], client=client_a, priority="High")
    make_task(name="Book studio", assignees=[me], client=client_a, status="Blocked")
    make_task(name="Plan month", assignees=[me, eve], due_date=today - timedelta(days=1))
    make_task(name="Send invoice", status="Completed", completed_at=now, client=client_b)
    make_form_submission(business_name="Corner Shop")
    make_form_submission(business_name="Other Place", approval_status="Rejected", reviewed_at=now)
    make_portal_request(client_a, content="New logo please", priority="Urgent")
    make_portal_request(client_a, content="We opened a terrace", topic="Strategy", status="Done")
    make_portal_request(client_b, content="Logo for the van", status="Working")
    return {"client_a": client_a.pk, "client_b": client_b.pk, "eve": eve.pk, "today": today}


def page_ids(response, portal: bool = False) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    context = response.context
    if not portal:
        return {str(row.pk) for row in context["page_obj"]}
    if "upcoming" in context:  # the portal's shoots page: upcoming and past
        return {str(row.pk) for row in [*context["upcoming"], *context["past"]]}
    key = "deliverables" if "deliverables" in context else "requests"
    return {str(row.pk) for row in context[key]}


def api_ids(user, path: str, query: str) -> set[str]:
    response = api_client(user).get(f"{path}?{query}&page_size=200")
    assert response.status_code == 200, response.content[:500]
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(("name", "query"), CASES)
def test_dashboard_and_api_return_the_same_rows(client, world, admin_user, team_user, name, query):
    query = query.format(**world)
    page, api, _ = LISTS[name]
    for user in (admin_user, team_user):
        client.force_login(user)
        rows = page_ids(client.get(f"{page}?{query}"))
        assert rows == api_ids(user, api, query), (name, query, user.role)


@pytest.mark.parametrize(("name", "query"), [c for c in CASES if LISTS[c[0]][2]])
def test_portal_page_and_api_return_the_same_rows_to_the_client(
    client, world, client_a_user, name, query
):
    query = query.format(**world)
    _, api, portal = LISTS[name]
    client.force_login(client_a_user)
    rows = page_ids(client.get(f"/portal/acme/{portal}?{query}"), portal=True)
    assert rows == api_ids(client_a_user, api, query), (name, query)
    if name == "deliverables":  # the portal's own API list binds the same FilterSet
        assert rows == api_ids(client_a_user, "/api/client-portal/acme/deliverables", query)


def test_the_filters_narrow_something(client, world, team_user):
    """The table above is not vacuous: most filtered queries keep fewer rows than none."""
    client.force_login(team_user)
    narrowed = 0
    for name, query in CASES:
        if query:
            everything = page_ids(client.get(LISTS[name][0]))
            if page_ids(client.get(f"{LISTS[name][0]}?{query.format(**world)}")) < everything:
                narrowed += 1
    assert narrowed >= len([q for _, q in CASES if q]) - 4


HUGE_SEARCH = "search=" + "+".join(f"w{i}" for i in range(1500))
ELEVEN_WORDS = "search=" + "+".join("abcdefghijk")
TOO_MANY = f"at most {MAX_SEARCH_TERMS} words"


@pytest.mark.parametrize("name", list(LISTS))
@pytest.mark.parametrize(("query", "message"), [(HUGE_SEARCH, "200"), (ELEVEN_WORDS, TOO_MANY)])
def test_a_search_of_1500_words_is_a_400_in_the_api_never_a_500(
    world, admin_user, name, query, message
):
    response = api_client(admin_user).get(f"{LISTS[name][1]}?{query}")
    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert message in str(details["search"])


@pytest.mark.parametrize("name", list(LISTS))
@pytest.mark.parametrize(("query", "message"), [(HUGE_SEARCH, "200"), (ELEVEN_WORDS, TOO_MANY)])
def test_a_search_of_1500_words_is_a_filter_bar_error_on_the_page(
    client, world, team_user, name, query, message
):
    client.force_login(team_user)
    response = client.get(f"{LISTS[name][0]}?{query}")
    assert response.status_code == 200
    bar = response.content.decode().split('class="filters"')[1].split("</form>")[0]
    assert 'class="field-error"' in bar
    assert message in bar
    assert not response.context["page_obj"].object_list


def test_ten_words_are_still_a_search(world, admin_user):
    query = "search=" + "+".join(["teaser"] * MAX_SEARCH_TERMS)
    assert len(api_ids(admin_user, "/api/deliverables", query)) == 2


def test_a_search_of_1500_words_on_the_portal_pages_never_fails(client, world, client_a_user):
    client.force_login(client_a_user)
    for portal in ("deliverables/", "shoots/", "requests/"):
        assert client.get(f"/portal/acme/{portal}?{HUGE_SEARCH}").status_code == 200


def test_a_search_longer_than_200_characters_is_refused(world, admin_user):
    response = api_client(admin_user).get("/api/deliverables?search=" + "x" * 201)
    assert response.status_code == 400
    assert "search" in response.json()["error"]["details"]


def test_a_bad_filter_value_is_a_friendly_error_in_the_filter_bar(client, world, team_user):
    client.force_login(team_user)
    html = client.get("/deliverables/?due=someday&status=Delivered").content.decode()
    assert 'class="field-error"' in html
    assert "someday is not one of the available choices" in html
    html = client.get("/team/?is_active=maybe").content.decode()
    assert "Use true or false." in html


def test_a_bad_flag_value_is_a_400_in_the_api(world, admin_user):
    response = api_client(admin_user).get("/api/team-members?is_active=maybe")
    assert response.status_code == 400
    assert "is_active" in response.json()["error"]["details"]


def test_the_filter_bar_keeps_hidden_filters_of_the_query_string(client, world, team_user):
    client.force_login(team_user)
    html = client.get(f"/deliverables/?due_date_after={world['today']}").content.decode()
    assert f'type="hidden" name="due_date_after" value="{world["today"]}"' in html


@pytest.mark.parametrize(
    ("page", "api"),
    [
        ("/deliverables/?due=overdue&search=a", "/api/deliverables?due=overdue&search=a"),
        ("/tasks/?open=true&assignee_id={eve}", "/api/tasks?open=true&assignee_id={eve}"),
        ("/shoots/?when=upcoming", "/api/shoots?when=upcoming"),
        ("/team/?is_active=true", "/api/team-members?is_active=true"),
        ("/requests/?status=New", "/api/portal-requests?status=New"),
    ],
)
def test_filtered_lists_run_as_many_queries_for_many_rows_as_for_few(
    client, world, team_user, page, api, django_assert_max_num_queries
):
    from dashboard.tests.factories import make_dashboard_world
    from localbzz.testing import query_count

    page, api = page.format(**world), api.format(**world)
    client.force_login(team_user)
    few_page = query_count(client, page)
    with django_assert_max_num_queries(100) as few:
        api_client(team_user).get(api)
    few_api = len(few)
    for _ in range(3):
        make_dashboard_world(make_client(), make_team_member(roles=("Editor", "Scheduler")), n=12)
    assert query_count(client, page) == few_page
    with django_assert_max_num_queries(few_api):
        api_client(team_user).get(api)


def test_an_inactive_clients_portal_api_is_missing_as_its_pages_are(client, world, admin_user):
    gone = make_client(name="Gone Ltd", status="Inactive", client_portal_subdomain="gone")
    make_portal_request(gone)
    owner = make_user(Role.CLIENT, client=gone)
    for user in (owner, admin_user):
        for path in ("requests", "deliverables"):
            response = api_client(user).get(f"/api/client-portal/gone/{path}")
            assert response.status_code == 404, (user.role, path)
        client.force_login(user)
        assert client.get("/portal/gone/").status_code == 404


def test_a_search_of_1500_words_on_a_search_fields_view_is_a_400_too(db, admin_user):
    """/api/users searches with DRF's backend (``search_fields``): the same limits hold."""
    response = api_client(admin_user).get(f"/api/users?{HUGE_SEARCH}")
    assert response.status_code == 400
    assert "search" in response.json()["error"]["details"]
    response = api_client(admin_user).get(f"/api/users?{ELEVEN_WORDS}")
    assert TOO_MANY in str(response.json()["error"]["details"]["search"])
    assert api_client(admin_user).get("/api/users?search=admin").status_code == 200
