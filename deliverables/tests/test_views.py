"""Dashboard pages of deliverables: list, board moves, edit, delete, query counts."""

import pytest
from django.db.models import Q

from dashboard.tests.factories import make_dashboard_world
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from localbzz.events.models import Event
from localbzz.testing import query_count

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def test_board_move_changes_status_and_returns_both_columns(team, client_a):
    d = make_deliverable(client_a, status="In Progress", title="Spring reel")
    response = team.post(f"/deliverables/{d.pk}/status/", {"status": "Needs Review"}, **HTMX)
    assert response.status_code == 200
    d.refresh_from_db()
    assert d.status == "Needs Review"
    html = response.content.decode()
    assert 'id="col-in-progress"' in html
    assert 'id="col-needs-review"' in html
    assert html.count('hx-swap-oob="true"') == 2
    needs_review = html.split('id="col-needs-review"')[1]
    assert "Spring reel" in needs_review
    assert Event.objects.filter(type="deliverable.status_changed", object_id=str(d.pk)).exists()


def test_board_move_without_htmx_redirects_back_to_the_board(team, client_a):
    d = make_deliverable(client_a, status="To Do")
    response = team.post(f"/deliverables/{d.pk}/status/", {"status": "In Progress"})
    assert response.status_code == 302
    assert response["Location"] == "/deliverables/board/"
    d.refresh_from_db()
    assert d.status == "In Progress"


def test_board_move_to_unknown_status_is_refused_and_changes_nothing(team, client_a):
    d = make_deliverable(client_a, status="To Do")
    response = team.post(f"/deliverables/{d.pk}/status/", {"status": "Lost"}, **HTMX)
    assert response.status_code == 400
    d.refresh_from_db()
    assert d.status == "To Do"


def test_board_shows_one_column_per_status_with_counts(team, client_a):
    make_deliverable(client_a, status="Needs Review", title="Waiting one")
    html = team.get("/deliverables/board/").content.decode()
    for slug in ("to-do", "in-progress", "needs-review", "ready-to-post", "delivered"):
        assert f'id="col-{slug}"' in html
    assert "Waiting one" in html.split('id="col-needs-review"')[1].split("</section>")[0]


def test_board_column_partial_is_a_live_region(team, client_a):
    make_deliverable(client_a, status="Delivered", title="Done reel")
    html = team.get("/deliverables/board/column/Delivered/").content.decode()
    assert html.lstrip().startswith("<section")
    assert 'data-live-types="deliverable.*"' in html
    assert 'hx-trigger="live-refresh"' in html
    assert "Done reel" in html


def test_list_filters_by_status_and_searches(team, client_a, client_b):
    make_deliverable(client_a, status="To Do", title="Alpha reel")
    make_deliverable(client_b, status="Delivered", title="Beta photo")
    html = team.get("/deliverables/?status=Delivered").content.decode()
    assert "Beta photo" in html
    assert "Alpha reel" not in html
    html = team.get("/deliverables/?search=bravo").content.decode()
    assert "Beta photo" in html
    assert "Alpha reel" not in html


def test_list_with_nonsense_filters_does_not_fail(team, db):
    assert team.get("/deliverables/?status=x&client_id=nope&page=abc&due=zzz").status_code == 200


def test_edit_saves_caption_and_posting_instructions_through_the_service(team, client_a):
    d = make_deliverable(client_a, title="Reel")
    data = {
        "title": "Reel",
        "deliverable_type": "Reel",
        "status": "To Do",
        "file_link": "https://drive.example/f/1",
        "caption": "Fresh bread daily",
        "posting_instructions": "Post at 8am",
    }
    response = team.post(f"/deliverables/{d.pk}/", data)
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.caption == "Fresh bread daily"
    assert d.posting_instructions == "Post at 8am"
    assert Event.objects.filter(type="deliverable.updated", object_id=str(d.pk)).exists()
    page = team.get(f"/deliverables/{d.pk}/").content.decode()
    assert 'href="https://drive.example/f/1"' in page


def test_edit_with_errors_keeps_what_was_typed(team, client_a):
    d = make_deliverable(client_a, title="Reel")
    data = {"title": "", "deliverable_type": "Reel", "status": "To Do", "caption": "my caption"}
    response = team.post(f"/deliverables/{d.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "field-error" in html
    assert "my caption" in html
    d.refresh_from_db()
    assert d.caption == ""


def test_create_rejects_a_shoot_of_another_client(team, client_a, client_b):
    from shoots.tests.factories import make_shoot

    other = make_shoot(client_b)
    data = {
        "client": client_a.pk,
        "shoot": other.pk,
        "title": "X",
        "deliverable_type": "Reel",
        "status": "To Do",
    }
    response = team.post("/deliverables/new/", data)
    assert response.status_code == 200
    assert b"field-error" in response.content
    assert not Deliverable.objects.filter(title="X").exists()


def test_delete_asks_first_then_deletes(team, client_a):
    d = make_deliverable(client_a)
    page = team.get(f"/deliverables/{d.pk}/delete/")
    assert b"cannot be undone" in page.content
    assert Deliverable.objects.filter(pk=d.pk).exists()
    assert team.post(f"/deliverables/{d.pk}/delete/").status_code == 302
    assert not Deliverable.objects.filter(pk=d.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/deliverables/",
        "/deliverables/board/",
        "/deliverables/board/column/To%20Do/",
        "/deliverables/?due=overdue&search=a",
    ],
)
def test_query_count_does_not_grow_with_rows(
    team, client_a, team_user, url, django_assert_num_queries
):
    make_dashboard_world(client_a, team_user.team_member, n=2)
    few = query_count(team, url)
    make_dashboard_world(client_a, team_user.team_member, n=30)
    with django_assert_num_queries(few):
        team.get(url)
    assert few <= 15


def test_board_filters_by_client(team, client_a, client_b):
    make_deliverable(client_a, title="A-one")
    make_deliverable(client_b, title="B-one")
    html = team.get(f"/deliverables/board/?client_id={client_b.pk}").content.decode()
    assert "B-one" in html
    assert "A-one" not in html
    assert Deliverable.objects.filter(Q(title="A-one") | Q(title="B-one")).count() == 2


def test_filter_selects_escape_names_and_keep_the_choice(team, db):
    from clients.tests.factories import make_client

    evil = make_client(name="<b>Evil & Co</b>")
    html = team.get(f"/deliverables/?client_id={evil.pk}").content.decode()
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in html
    assert "<b>Evil" not in html
    assert f'<option value="{evil.pk}" selected>' in html
