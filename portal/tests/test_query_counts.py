"""Every portal page runs the same number of queries for few and for many rows."""

import pytest

from deliverables.models import DeliverableReview, DeliverableStatus
from deliverables.tests.factories import make_deliverable
from portal.models import PortalRequestReply
from portal.tests.factories import make_portal_request
from shoots.models import ShootAssignment
from shoots.tests.factories import make_shoot
from team.tests.factories import make_team_member


def _rows(client, n, user):
    crew = [make_team_member() for _ in range(2)]
    for i in range(n):
        shoot = make_shoot(client, title=f"Shoot {i}")
        for member in crew:
            ShootAssignment.objects.create(shoot=shoot, team_member=member)
        for status in DeliverableStatus.values:
            d = make_deliverable(client, shoot=shoot, status=status)
            DeliverableReview.objects.create(deliverable=d, decision="Approved", reviewed_by=user)
        request = make_portal_request(client)
        PortalRequestReply.objects.create(request=request, author=user, body="hi")
    return request


PAGES = [
    "/",
    "/deliverables/",
    "/deliverables/?deliverable_type=Reel&status=Delivered",
    "/shoots/",
    "/requests/",
    "/account/",
]


def _count(acme, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = acme.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", PAGES)
def test_page_query_count_is_constant(
    acme, client_a, client_a_user, path, django_assert_num_queries
):
    _rows(client_a, 1, client_a_user)
    few = _count(acme, path)
    _rows(client_a, 6, client_a_user)
    with django_assert_num_queries(few):
        acme.get(path)


def test_detail_pages_query_count_is_constant(
    acme, client_a, client_a_user, django_assert_num_queries
):
    request = _rows(client_a, 1, client_a_user)
    deliverable = client_a.deliverables.first()
    paths = [f"/deliverables/{deliverable.pk}/", f"/requests/{request.pk}/"]
    few = [_count(acme, p) for p in paths]
    for _ in range(5):
        DeliverableReview.objects.create(deliverable=deliverable, decision="Approved")
        PortalRequestReply.objects.create(request=request, author=client_a_user, body="more")
    for path, expected in zip(paths, few, strict=True):
        with django_assert_num_queries(expected):
            acme.get(path)


def test_home_query_count_is_pinned(acme, client_a, client_a_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _rows(client_a, 3, client_a_user)
    with CaptureQueriesContext(connection) as ctx:
        acme.get("/")
    # The portal's own: user, client, plan counts, shoots + crew, to review, delivered, open
    # requests, the contracted-vs-delivered report (one aggregate). Not counted: the session
    # (cached with Redis) and the events app's bell.
    own = [
        q
        for q in ctx.captured_queries
        if "events_" not in q["sql"] and "django_session" not in q["sql"]
    ]
    assert len(own) == 9
