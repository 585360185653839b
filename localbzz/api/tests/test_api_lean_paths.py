"""The one list mechanism (count and parent check folded into the page query, rows from
``.values()`` where the serializer allows) and the JWT user cache.

Each folded path is compared with the unfolded one it replaces: same status, same body.
"""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.pagination import PageNumberPagination
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from localbzz.accounts.models import Role, User
from localbzz.accounts.tests.factories import make_user
from localbzz.api import authentication
from localbzz.api.base import NestedListViewSet
from localbzz.api.pagination import Pagination
from localbzz.testing import fresh_ip
from shoots.tests.factories import make_shoot


def _api(user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.force_authenticate(user)
    return api


def _body(response):
    data = response.json()
    if "error" in data:
        data["error"].pop("request_id", None)
    return response.status_code, data


PAGES = [  # (query, expected status)
    ({}, 200),
    ({"page_size": 2}, 200),
    ({"page_size": 2, "page": 2}, 200),
    ({"page_size": 2, "page": 3}, 200),  # the last, short page
    ({"page_size": 2, "page": 4}, 404),  # past the end
    ({"page_size": 2, "page": "last"}, 200),
    ({"page": 0}, 404),
    ({"page": "x"}, 404),
    ({"page": 2}, 404),  # past the end with one page
    ({"page_size": 2, "status": "Delivered"}, 200),  # matches nothing: an empty first page
    ({"page_size": 2, "status": "Nope"}, 400),  # a bad filter
    ({"page_size": 2, "ordering": "-title", "search": "Deliverable 1"}, 200),
]


@pytest.fixture
def five(client_a):
    shoot = make_shoot(client_a)
    return [make_deliverable(client_a, shoot, title=f"Deliverable {i}") for i in range(5)]


LISTS = ["/api/deliverables", "/api/shoots", "/api/clients/{client}/deliverables"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(("params", "status"), PAGES, ids=str)
def test_folded_count_gives_the_body_of_a_separate_count(
    path, params, status, five, client_a, admin_user, monkeypatch
):
    for i in range(4):
        make_shoot(client_a, title=f"Deliverable {i}")
    api = _api(admin_user)
    url = path.format(client=client_a.pk)
    folded = _body(api.get(url, params))
    # DRF's own pagination: a COUNT query, then the page
    monkeypatch.setattr(Pagination, "paginate_queryset", PageNumberPagination.paginate_queryset)
    separate = _body(api.get(url, params))
    assert folded == separate
    if "deliverables" in path:  # the statuses and titles are the deliverables'
        assert folded[0] == status


def test_folded_count_on_an_empty_list_is_zero_in_one_query(admin_user, db):
    with CaptureQueriesContext(connection) as ctx:
        response = _api(admin_user).get("/api/deliverables")
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert len(ctx) == 1


NESTED = [  # (parent, query, status for the admin, status for client A's user)
    ("own", {}, 200, 200),
    ("own", {"page_size": 2, "page": 2}, 200, 200),
    ("own", {"page_size": 2, "page": 9}, 404, 404),  # past the end: Invalid page
    ("own", {"status": "Nope"}, 400, 400),  # a bad filter
    ("own", {"status": "Delivered"}, 200, 200),  # empty, parent visible: []
    ("empty", {}, 200, 404),  # a parent with no children (hidden from client A's user)
    ("other", {}, 200, 404),  # client B: hidden from client A's user, 404 first
    ("other", {"status": "Nope"}, 400, 404),  # hidden parent and a bad filter: still 404
    ("other", {"page": 9}, 404, 404),
    ("missing", {}, 404, 404),
]


@pytest.mark.parametrize("who", ["admin", "client"])
@pytest.mark.parametrize(("parent", "params", "admin_status", "client_status"), NESTED, ids=str)
def test_folded_parent_check_answers_as_the_separate_lookup(
    who,
    parent,
    params,
    admin_status,
    client_status,
    five,
    client_a,
    client_b,
    admin_user,
    monkeypatch,
):
    empty = make_client(name="Empty Co")
    make_deliverable(client_b, None, title="Theirs")
    user = admin_user if who == "admin" else make_user(Role.CLIENT, client=client_a)
    pk = {
        "own": client_a.pk,
        "empty": empty.pk,
        "other": client_b.pk,
        "missing": "00000000-0000-4000-8000-000000000000",
    }[parent]
    url = f"/api/clients/{pk}/deliverables"
    api = _api(user)
    folded = _body(api.get(url, params))

    # the former path: the parent looked up first, then its children
    def separate_lookup(view):
        return type(view).selector(user=view.request.user).filter(client=view.parent())

    monkeypatch.setattr(NestedListViewSet, "get_queryset", separate_lookup)
    separate = _body(api.get(url, params))
    assert folded == separate
    assert folded[0] == (admin_status if who == "admin" else client_status)


def test_nested_list_with_rows_runs_one_query(five, client_a, admin_user):
    with CaptureQueriesContext(connection) as ctx:
        response = _api(admin_user).get(f"/api/clients/{client_a.pk}/deliverables")
    assert response.json()["count"] == 5
    assert len(ctx) == 1


@pytest.mark.parametrize("role", [Role.ADMIN, Role.TEAM, Role.CLIENT])
def test_nested_list_reads_the_parent_table_only_for_a_narrowed_scope(role, five, client_a):
    """Staff see every client: the children are narrowed by ``client_id =`` alone (no
    subquery on clients); a client user's parent check stays inside the query."""
    user = make_user(role, client=client_a if role == Role.CLIENT else None)
    with CaptureQueriesContext(connection) as ctx:
        response = _api(user).get(f"/api/clients/{client_a.pk}/deliverables")
    assert response.json()["count"] == 5
    (query,) = ctx.captured_queries
    assert ('"clients_client"' in query["sql"]) is (role == Role.CLIENT)


def test_sees_every_is_true_only_for_an_untouched_scope(client_a, admin_user, team_user):
    from clients.models import Client
    from localbzz.accounts.permissions import Action, sees_every
    from localbzz.events.models import Notification

    client_user = make_user(Role.CLIENT, client=client_a)
    assert sees_every(admin_user, Client)
    assert sees_every(team_user, Client)
    assert not sees_every(client_user, Client)
    assert not sees_every(None, Client)
    assert not sees_every(team_user, Client, Action.DELETE)  # team may not delete clients
    assert not sees_every(admin_user, Notification)  # always narrowed to one's own


# --- the JWT user cache ---------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(authentication, "monotonic", lambda: now[0])
    authentication.forget()
    yield now
    authentication.forget()


def _bearer(user):
    api = APIClient(REMOTE_ADDR=fresh_ip())
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    return api


def _user_queries(ctx):
    return [q for q in ctx.captured_queries if "accounts_user" in q["sql"]]


def test_reads_reuse_the_jwt_user_row(team_user, clock):
    api = _bearer(team_user)
    assert api.get("/api/deliverables").status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/api/deliverables").status_code == 200
    assert _user_queries(ctx) == []
    assert len(ctx) == 1


def test_a_user_deactivated_elsewhere_is_refused_within_the_cache_time(team_user, clock, settings):
    settings.JWT_USER_CACHE_SECONDS = 5
    api = _bearer(team_user)
    assert api.get("/api/deliverables").status_code == 200
    # another process deactivates the user: no signal reaches this one
    User.objects.filter(pk=team_user.pk).update(is_active=False)
    clock[0] += 4.9
    assert api.get("/api/deliverables").status_code == 200  # still within the promised time
    assert api.post("/api/deliverables", {}, format="json").status_code == 401  # writes: at once
    clock[0] += 0.2
    assert api.get("/api/deliverables").status_code == 401


def test_a_user_saved_in_this_process_is_refused_at_once(team_user, clock):
    api = _bearer(team_user)
    assert api.get("/api/deliverables").status_code == 200
    team_user.is_active = False
    team_user.save()
    assert api.get("/api/deliverables").status_code == 401


def test_a_role_change_applies_at_once_after_save(team_user, client_a, clock):
    api = _bearer(team_user)
    assert api.get("/api/clients").json()["count"] == 1
    other = make_client(name="Other")
    make_deliverable(other, None)
    team_user.role = Role.CLIENT
    team_user.client = client_a
    team_user.team_member = None
    team_user.save()
    response = api.get("/api/deliverables")
    assert response.status_code == 200
    assert response.json()["count"] == 0  # a client user sees only its own client's rows


def test_the_cache_can_be_turned_off(team_user, clock, settings):
    settings.JWT_USER_CACHE_SECONDS = 0
    api = _bearer(team_user)
    api.get("/api/deliverables")
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/api/deliverables").status_code == 200
    assert len(_user_queries(ctx)) == 1


def test_requests_do_not_share_the_cached_user_object(team_user, clock):
    auth = authentication.CachedUserJWTAuthentication()
    token = AccessToken.for_user(team_user)
    auth._cacheable = True  # as authenticate() sets it for a GET
    first = auth.get_user(token)
    second = auth.get_user(token)
    third = auth.get_user(token)
    assert first.pk == second.pk == third.pk
    assert second is not third
    assert second._state is not third._state


# --- totals are exact, for distinct and grouped lists too ----------------------------------


def test_a_total_is_always_read_fresh(five, client_a, admin_user):
    from deliverables.models import Deliverable

    api = _api(admin_user)
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 5
    # another process adds a row (no signal reaches this one)
    Deliverable.objects.bulk_create([Deliverable(client=client_a, title="AAA first")])
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 6


def test_the_total_of_a_distinct_list_counts_each_row_once(client_a, client_a_user, admin_user):
    from team.tests.factories import make_team_member

    member = make_team_member()
    for _ in range(3):  # the same member on three shoots: three join rows, one member
        make_shoot(client_a, crew=[(member, "Editor")])
    make_team_member()  # not on client A's shoots: hidden from its user
    body = _api(client_a_user).get("/api/team-members", {"page_size": 1}).json()
    assert body["count"] == 1
    assert [row["id"] for row in body["results"]] == [str(member.pk)]
    assert _api(admin_user).get("/api/team-members", {"page_size": 1}).json()["count"] == 2


def test_the_total_of_a_grouped_list_counts_groups(client_a, admin_user):
    from portal.tests.factories import make_portal_request
    from tasks.tests.factories import make_task

    for _ in range(3):
        make_portal_request(client_a)
        make_task(client=client_a)
    api = _api(admin_user)
    assert api.get("/api/client-portal/acme/requests", {"page_size": 2}).json()["count"] == 3
    assert api.get("/api/tasks", {"page_size": 2}).json()["count"] == 3


# --- rows read with .values() are exactly the serializer's ---------------------------------

ROWS_AS_DETAIL = [  # (list, detail of one row, who asks)
    ("/api/clients", "/api/clients/{id}", "admin"),
    ("/api/clients", "/api/clients/{id}", "client"),  # the internal notes left out
    ("/api/deliverables", "/api/deliverables/{id}", "client"),
    ("/api/form-submissions", "/api/form-submissions/{id}", "admin"),
    ("/api/portal-requests", "/api/portal-requests/{id}", "admin"),
    ("/api/portal-requests", "/api/portal-requests/{id}", "client"),
    ("/api/users", "/api/users/{id}", "admin"),
    ("/api/shoots", "/api/shoots/{id}", "client"),
    ("/api/tasks", "/api/tasks/{id}", "admin"),
    ("/api/team-members", "/api/team-members/{id}", "admin"),
    ("/api/client-portal/acme/deliverables", "/api/deliverables/{id}", "client"),
]


@pytest.mark.parametrize(("list_path", "detail", "who"), ROWS_AS_DETAIL)
def test_every_list_row_is_the_object_as_a_get_shows_it(
    list_path, detail, who, client_a, admin_user
):
    from forms.tests.factories import make_form_submission
    from portal.tests.factories import make_portal_request
    from tasks.tests.factories import make_task
    from team.tests.factories import make_team_member

    client_a.notes = "internal"
    client_a.services = ["Reels"]
    client_a.save()
    shoot = make_shoot(client_a, notes="crew only")
    make_deliverable(client_a, shoot, caption="Hi")
    make_form_submission(social_handles={"instagram": "@x"}, services_wanted=["Reels"])
    make_portal_request(client_a)
    make_task(client=client_a)
    make_team_member(roles=("Editor",))
    user = admin_user if who == "admin" else make_user(Role.CLIENT, client=client_a)
    api = _api(user)
    rows = api.get(list_path).json()["results"]
    assert rows
    for row in rows:
        assert row == api.get(detail.format(id=row["id"])).json()


# --- totals kept in the shared cache ---------------------------------------------------------


@pytest.fixture
def kept_totals(settings):
    # A cache of this test's own: in the services stage the Redis cache is shared with the
    # other xdist workers, whose saves would drop the kept totals (as they should) mid-test.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"kept-totals-{uuid.uuid4().hex}",
        }
    }
    settings.API_COUNT_CACHE_SECONDS = 60  # longer than any slow request on a busy machine
    return


def test_a_kept_total_spares_the_count_and_rows_stay_fresh(five, client_a, admin_user, kept_totals):
    from deliverables.models import Deliverable

    api = _api(admin_user)
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 5
    # a write that sends no signal (another process's bulk_create reaches no cache either)
    Deliverable.objects.bulk_create([Deliverable(client=client_a, title="AAA first")])
    with CaptureQueriesContext(connection) as ctx:
        again = api.get("/api/deliverables", {"page_size": 2}).json()
    assert again["count"] == 5  # kept for API_COUNT_CACHE_SECONDS
    assert "lean_count" not in ctx.captured_queries[0]["sql"]  # the page's total subquery
    newest = api.get("/api/deliverables", {"page_size": 2, "ordering": "title"}).json()
    assert newest["results"][0]["title"] == "AAA first"  # rows are read fresh


def test_any_save_or_delete_drops_every_kept_total(five, client_a, admin_user, kept_totals):
    api = _api(admin_user)
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 5
    make_deliverable(client_a, None)
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 6
    five[0].delete()
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 5


def test_totals_are_kept_per_query_so_per_user_scope(
    five, client_a, client_b, admin_user, kept_totals
):
    for _ in range(3):
        make_deliverable(client_b, None)
    user = make_user(Role.CLIENT, client=client_a)
    assert _api(admin_user).get("/api/deliverables", {"page_size": 2}).json()["count"] == 8
    assert _api(user).get("/api/deliverables", {"page_size": 2}).json()["count"] == 5
    filtered = _api(admin_user).get("/api/deliverables", {"page_size": 2, "client_id": client_b.pk})
    assert filtered.json()["count"] == 3


def test_a_short_page_has_an_exact_total_even_when_kept(five, admin_user, kept_totals):
    from deliverables.models import Deliverable

    api = _api(admin_user)
    assert api.get("/api/deliverables", {"page_size": 2}).json()["count"] == 5
    Deliverable.objects.filter(pk__in=[d.pk for d in five[:2]])._raw_delete("default")
    body = api.get("/api/deliverables", {"page_size": 2, "page": 2}).json()
    assert body["count"] == 3  # two on page 1 + the one row left on page 2: exact
    assert body["next"] is None
