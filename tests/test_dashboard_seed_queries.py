"""Dashboard pages run the same number of queries on seed_demo data as on a handful of rows."""

import io

import pytest
from django.core.management import call_command

from clients.tests.factories import make_client
from dashboard.tests.factories import make_dashboard_world
from localbzz.accounts.models import User
from localbzz.accounts.tests.factories import make_user
from localbzz.testing import query_count

PAGES = [
    "/",
    "/home/cards/",
    "/clients/",
    "/shoots/",
    "/shoots/calendar/",
    "/deliverables/",
    "/deliverables/board/",
    "/tasks/",
    "/tasks/board/",
    "/submissions/",
    "/requests/",
    "/team/",
]


@pytest.fixture
def small_world_counts(client, db):
    user = make_user("team")
    make_dashboard_world(make_client(), user.team_member, n=3)
    client.force_login(user)
    counts = {url: query_count(client, url) for url in PAGES}
    client.logout()
    return counts


@pytest.mark.django_db(transaction=True)
def test_seed_demo_data_takes_no_more_queries_than_a_few_rows(client, small_world_counts):
    call_command("seed_demo", stdout=io.StringIO())
    team = User.objects.get(email="team@localbzz.test")
    client.force_login(team)
    for url in PAGES:
        assert query_count(client, url) <= small_world_counts[url], url
