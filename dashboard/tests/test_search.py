"""Global search: every kind, grouped, scoped by the user's permissions, constant queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard.search import global_search
from deliverables.tests.factories import make_deliverable
from localbzz.testing import query_count
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client_a, client_b):
    maya = make_team_member(name="Maya Lens")
    make_shoot(client_a, title="Croissant shoot", crew=[(maya, "Editor")])
    make_deliverable(client_a, title="Croissant reel", assignee=maya)
    make_task(name="Edit croissant teaser", client=client_a, assignees=[maya])
    make_portal_request(client_a, content="More croissants in the next reel please")
    make_deliverable(client_b, title="Beard trim reel")
    return maya


def _titles(groups):
    return {g.key: [h.title for h in g.hits] for g in groups}


def test_one_query_finds_every_kind_grouped(world, team_user):
    found = _titles(global_search(user=team_user, query="croissant"))
    assert found["shoots"] == ["Croissant shoot"]
    assert found["deliverables"] == ["Croissant reel"]
    assert found["tasks"] == ["Edit croissant teaser"]
    assert len(found["requests"]) == 1
    assert "clients" not in found  # groups without a hit are left out


def test_search_by_client_and_by_assignee(world, team_user):
    by_client = _titles(global_search(user=team_user, query="acme"))
    assert by_client["clients"] == ["Acme Bakery"]
    assert "Croissant reel" in by_client["deliverables"]
    assert "Beard trim reel" not in by_client["deliverables"]
    by_person = _titles(global_search(user=team_user, query="maya"))
    assert by_person["people"] == ["Maya Lens"]
    assert by_person["shoots"] == ["Croissant shoot"]  # her crew place
    assert by_person["deliverables"] == ["Croissant reel"]  # her assignment
    assert by_person["tasks"] == ["Edit croissant teaser"]
    assert _titles(global_search(user=team_user, query="maya reel")) == {
        "deliverables": ["Croissant reel"]  # every word must match
    }


def test_a_client_user_finds_only_its_own_and_no_staff_kinds(world, client_b_user):
    found = _titles(global_search(user=client_b_user, query="reel"))
    assert found.get("deliverables") == ["Beard trim reel"]
    assert "tasks" not in found
    assert "Croissant reel" not in str(found)


def test_pages_are_for_staff_only(client, client_a_user, world):
    client.force_login(client_a_user)
    assert client.get("/search/?q=reel").status_code == 404
    assert client.get("/search/suggest/?q=reel").status_code == 404


def test_results_page_and_suggestions_link_each_hit(client, team_user, world):
    client.force_login(team_user)
    page = client.get("/search/?q=croissant").content.decode()
    for heading in ("Shoots", "Deliverables", "Tasks", "Requests"):
        assert f">{heading}</h2>" in page
    suggest = client.get("/search/suggest/?q=croissant").content.decode()
    assert suggest.count('role="option"') == 5  # four hits and "All results"
    assert 'data-href="/deliverables/' in suggest
    assert "Nothing matches" in client.get("/search/suggest/?q=zzzz").content.decode()
    assert client.get("/search/?q=" + "x" * 5000).status_code == 200  # bounded, never a 500


def test_query_count_is_constant_whatever_it_finds(
    client, team_user, client_a, django_assert_num_queries
):
    client.force_login(team_user)
    maya = make_team_member(name="Maya Lens")

    def add(n):
        for i in range(n):
            shoot = make_shoot(
                client_a,
                title=f"Reel shoot {i}",
                shoot_start=timezone.now() + timedelta(days=i),
                crew=[(maya, "Editor")],
            )
            make_deliverable(client_a, title=f"Reel {i}", shoot=shoot, assignee=maya)
            make_task(name=f"Reel task {i}", client=client_a, assignees=[maya])
            make_portal_request(client_a, content=f"Reel request {i}")

    add(1)
    few = {url: query_count(client, url) for url in ("/search/suggest/?q=reel", "/search/?q=reel")}
    add(25)
    for url, count in few.items():
        with django_assert_num_queries(count):
            client.get(url)
    assert few["/search/suggest/?q=reel"] <= 10  # session, user, one per kind
