"""The producer's day (issue 12, part B) on the server side: pictures on cards, tiles and
preview pages, the client's review history and "changes requested" reaching the producer,
each page's queries constant however many rows it shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliverables.models import Deliverable, DeliverableReview
from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.tests.factories import MP4, make_attachment
from localbzz.testing import api_client
from portal.tests.conftest import host

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client, team_user):
    client.force_login(team_user)
    return client


def _pictured(deliverable, n=1, thumbs=True):
    """``n`` JPEG versions of ``deliverable``, with thumbnails (the job's work) when asked."""
    files = [make_attachment(deliverable, name=f"v{i}.jpg") for i in range(n)]
    if thumbs:
        Attachment.objects.filter(pk__in=[f.pk for f in files]).update(
            thumbnail_key="thumbnails/test.jpg"
        )
    return files


def _sent_back(deliverable, user, comment="Logo bigger, please"):
    return DeliverableReview.objects.create(
        deliverable=deliverable, decision="Changes Requested", comment=comment, reviewed_by=user
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


# --- 1. pictures -------------------------------------------------------------------------
def test_board_card_shows_the_newest_thumbnail_and_version(team, client_a):
    d = make_deliverable(client_a, title="Croissant photo", status="In Progress")
    first, second = _pictured(d, 2)
    html = team.get("/deliverables/board/").content.decode()
    card = html.split(f'id="card-{d.pk}"')[1].split("</article>")[0]
    assert f"/api/attachments/{second.pk}/thumbnail" in card
    assert f"/api/attachments/{first.pk}/thumbnail" not in card
    assert ">v2<" in card


def test_board_card_of_a_reel_says_video_without_a_thumbnail(team, client_a):
    d = make_deliverable(client_a, title="Reel", status="In Progress")
    make_attachment(d, name="cut.mp4", data=MP4)
    card = team.get("/deliverables/board/").content.decode().split(f'id="card-{d.pk}"')[1]
    assert "▶ video" in card.split("</article>")[0]


def test_board_queries_stay_the_same_with_more_pictured_cards(team, client_a, client_a_user):
    def add(n):
        for i in range(n):
            d = make_deliverable(client_a, status=("In Progress", "Needs Review")[i % 2])
            _pictured(d)
            _sent_back(d, client_a_user)

    add(2)
    few = _queries(team, "/deliverables/board/")
    add(6)
    assert _queries(team, "/deliverables/board/") == few


def test_staff_page_previews_the_current_image_with_its_version(team, client_a):
    d = make_deliverable(client_a, title="Storefront", deliverable_type="Photo")
    _, current = _pictured(d, 2)
    html = team.get(f"/deliverables/{d.pk}/").content.decode()
    assert 'data-preview-kind="image"' in html
    assert f'src="/api/attachments/{current.pk}/preview"' in html
    assert 'data-version="2"' in html


def test_staff_page_plays_a_video_and_shows_a_carousels_slides(team, client_a):
    reel = make_deliverable(client_a, title="Reel", deliverable_type="Reel")
    clip = make_attachment(reel, name="cut.mp4", data=MP4)
    html = team.get(f"/deliverables/{reel.pk}/").content.decode()
    assert "<video" in html
    assert f"/api/attachments/{clip.pk}/preview" in html
    carousel = make_deliverable(client_a, title="Menu", deliverable_type="Carousel")
    _pictured(carousel, 3, thumbs=False)
    html = team.get(f"/deliverables/{carousel.pk}/").content.decode()
    assert 'data-preview-kind="carousel"' in html
    assert html.count('class="slide"') == 3
    assert "Slide 3 of 3" in html


def test_staff_page_without_files_says_so(team, client_a):
    d = make_deliverable(client_a, title="Not shot yet")
    html = team.get(f"/deliverables/{d.pk}/").content.decode()
    assert "data-no-preview" in html


def test_portal_gallery_shows_thumbnails_in_constant_queries(client, client_a, client_a_user):
    client.force_login(client_a_user)
    client.defaults["HTTP_HOST"] = host("acme")
    d = make_deliverable(client_a, title="Bread", status="Needs Review")
    (f,) = _pictured(d)
    html = client.get("/deliverables/").content.decode()
    assert f"/api/attachments/{f.pk}/thumbnail" in html
    few = _queries(client, "/deliverables/")
    for _ in range(5):
        _pictured(make_deliverable(client_a, status="Delivered"), 2)
    assert _queries(client, "/deliverables/") == few


def test_portal_review_page_shows_what_is_reviewed(client, client_a, client_a_user):
    client.force_login(client_a_user)
    client.defaults["HTTP_HOST"] = host("acme")
    d = make_deliverable(client_a, title="Bread", status="Needs Review", deliverable_type="Photo")
    _, _, current = _pictured(d, 3)
    html = client.get(f"/deliverables/{d.pk}/").content.decode()
    assert "What you are reviewing" in html
    assert f"/api/attachments/{current.pk}/preview" in html
    assert 'data-version="3"' in html
    assert client.get(f"/api/attachments/{current.pk}/preview").status_code == 200


# --- 2. the client's feedback reaches the producer ----------------------------------------
def test_staff_page_shows_review_history_with_the_version_reviewed(team, client_a, client_a_user):
    d = make_deliverable(client_a, title="Bread", status="In Progress")
    _pictured(d, 1)
    _sent_back(d, client_a_user, comment="Calmer music please")
    _pictured(d, 1)  # version 2 comes after the review
    html = team.get(f"/deliverables/{d.pk}/").content.decode()
    history = html.split('id="reviews"')[1].split("</section>")[0]
    assert "Changes Requested" in history
    assert "Calmer music please" in history
    assert client_a_user.get_full_name() in history
    assert "on version 1" in history
    assert "data-changes-requested" in html  # the call-out above the form


def test_staff_page_queries_do_not_grow_with_reviews(team, client_a, client_a_user):
    d = make_deliverable(client_a, status="In Progress")
    _pictured(d, 1)
    _sent_back(d, client_a_user)
    few = _queries(team, f"/deliverables/{d.pk}/")
    for _ in range(5):
        _sent_back(d, client_a_user)
        _pictured(d, 1)
    assert _queries(team, f"/deliverables/{d.pk}/") == few


def test_board_badges_changes_requested_until_the_work_is_back_in_review(
    team, client_a, client_a_user
):
    d = make_deliverable(client_a, title="Bread", status="In Progress")
    _sent_back(d, client_a_user)
    card = team.get("/deliverables/board/").content.decode().split(f'id="card-{d.pk}"')[1]
    assert "Changes requested" in card.split("</article>")[0]
    assert "Logo bigger, please" in card.split("</article>")[0]
    Deliverable.objects.filter(pk=d.pk).update(status="Needs Review")
    card = team.get("/deliverables/board/").content.decode().split(f'id="card-{d.pk}"')[1]
    assert "Changes requested" not in card.split("</article>")[0]


def test_assignees_home_lists_the_changes_asked_of_them(team, team_user, client_a, client_a_user):
    mine = make_deliverable(
        client_a, title="My reel", status="In Progress", assignee=team_user.team_member
    )
    other = make_deliverable(client_a, title="Someone else's", status="In Progress")
    approved = make_deliverable(
        client_a, title="Fine one", status="Ready-To-Post", assignee=team_user.team_member
    )
    for d in (mine, other):
        _sent_back(d, client_a_user, comment="Shorter intro")
    DeliverableReview.objects.create(deliverable=approved, decision="Approved")
    html = team.get("/").content.decode()
    card = html.split('id="card-my_changes"')[1].split("</article>")[0]
    assert "My reel" in card
    assert "Shorter intro" in card
    assert "Someone else" not in card
    assert "Fine one" not in card
    assert "feedback=changes_requested" in card


def test_feedback_filter_in_the_api(team_user, client_a, client_a_user):
    sent_back = make_deliverable(client_a, title="Sent back", status="In Progress")
    _sent_back(sent_back, client_a_user)
    make_deliverable(client_a, title="Quiet", status="In Progress")
    api = api_client(team_user)
    body = api.get("/api/deliverables?feedback=changes_requested").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [r["title"] for r in rows] == ["Sent back"]
    assert api.get("/api/deliverables?feedback=nonsense").status_code == 400


# --- 8. plan bars and the home chart ------------------------------------------------------
@pytest.mark.parametrize(
    ("done", "target", "state", "fill", "over"),
    [(19, 6, "over", 31.6, 68.4), (6, 6, "met", 100.0, 0.0), (3, 6, "under", 50.0, 0.0)],
)
def test_plan_bar_draws_over_and_under_plan_apart(done, target, state, fill, over):
    from deliverables.selectors import plan_bar

    bar = plan_bar(done, target)
    assert (bar["state"], bar["fill_pct"], bar["over_pct"]) == (state, fill, over)
    assert bar["over"] == max(done - target, 0)
    assert bar["short"] == max(target - done, 0)


def test_client_page_and_portal_say_how_far_over_plan(
    team, client, client_a, client_a_user, settings
):
    from django.test import Client
    from django.utils import timezone

    client_a.default_reels = 2
    client_a.save()
    today = timezone.localdate()
    for _ in range(5):
        make_deliverable(client_a, deliverable_type="Reel", due_date=today.replace(day=1))
    html = team.get(f"/clients/{client_a.pk}/").content.decode()
    assert 'data-plan-state="over"' in html
    assert "+3 over" in html
    assert "Reels: 5 of 2 planned, 3 over plan" in html
    portal = Client(HTTP_HOST=host("acme"))
    portal.force_login(client_a_user)
    page = portal.get("/").content.decode()
    assert "+3 over" in page
    assert 'class="plan-over"' in page


def test_home_chart_has_axis_values_totals_and_a_legend(team, client_a):
    from django.utils import timezone

    for _ in range(7):
        make_deliverable(client_a, status="Delivered", status_changed_at=timezone.now())
    html = team.get("/").content.decode()
    chart = html.split('id="h-chart"')[1].split("</section>")[0]
    assert 'class="chart-label chart-tick">0<' in chart
    assert 'class="chart-label chart-tick">8<' in chart  # 7 rounds up to the tick at 8
    assert 'class="chart-label chart-total">7<' in chart
    for status in ("To Do", "In Progress", "Needs Review", "Ready-To-Post", "Delivered"):
        assert f"</svg>{status}</li>" in chart


def test_nice_axis_steps():
    from dashboard.views import nice_step

    assert [nice_step(n) for n in (1, 3, 7, 19, 40, 130)] == [1, 1, 2, 5, 10, 50]


# --- 11. confirmations ---------------------------------------------------------------------
def test_marking_a_future_shoot_completed_asks_first(team, client_a):
    from datetime import timedelta

    from django.utils import timezone

    from shoots.models import Shoot
    from shoots.tests.factories import make_shoot

    shoot = make_shoot(client_a, shoot_start=timezone.now() + timedelta(days=3))
    url = f"/shoots/{shoot.pk}/status/"
    response = team.post(url, {"status": "Completed"})
    assert response.status_code == 200
    assert b"data-confirm-move" in response.content
    assert b"still ahead" in response.content
    assert Shoot.objects.get(pk=shoot.pk).status != "Completed"
    response = team.post(url, {"status": "Completed", "confirm": "yes"})
    assert response.status_code == 302
    assert Shoot.objects.get(pk=shoot.pk).status == "Completed"


def test_a_past_shoot_is_completed_in_one_click(team, client_a):
    from datetime import timedelta

    from django.utils import timezone

    from shoots.models import Shoot
    from shoots.tests.factories import make_shoot

    shoot = make_shoot(client_a, shoot_start=timezone.now() - timedelta(days=1))
    assert team.post(f"/shoots/{shoot.pk}/status/", {"status": "Completed"}).status_code == 302
    assert Shoot.objects.get(pk=shoot.pk).status == "Completed"


def test_moving_delivered_work_back_asks_first(team, client_a):
    import json

    d = make_deliverable(client_a, title="Done reel", status="Delivered")
    url = f"/deliverables/{d.pk}/status/"
    page = team.post(url, {"status": "To Do"})
    assert page.status_code == 200
    assert b"data-confirm-move" in page.content
    htmx = team.post(url, {"status": "To Do"}, HTTP_HX_REQUEST="true")
    event = json.loads(htmx["HX-Trigger"])["lbz-confirm-move"]
    assert event["status"] == "To Do"
    assert event["card"] == f"card-{d.pk}"
    assert Deliverable.objects.get(pk=d.pk).status == "Delivered"
    team.post(url, {"status": "To Do", "confirm": "yes"}, HTTP_HX_REQUEST="true")
    assert Deliverable.objects.get(pk=d.pk).status == "To Do"


def test_other_board_moves_need_no_confirmation(team, client_a):
    d = make_deliverable(client_a, status="Ready-To-Post")
    team.post(f"/deliverables/{d.pk}/status/", {"status": "Delivered"}, HTTP_HX_REQUEST="true")
    assert Deliverable.objects.get(pk=d.pk).status == "Delivered"
