"""The smaller points of the producer's day: time display, dates, request status, the bell,
contrast, favicon, one log line per request."""

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import TestCase
from django.utils import timezone

from localbzz.accounts.templatetags.dashboard import hours
from localbzz.events.models import Notification
from portal.models import RequestStatus
from portal.services import portal_request_create, portal_request_reply
from portal.tests.factories import make_portal_request
from tasks.models import TimeEntry
from tasks.services import timer_start, timer_stop
from tasks.tests.factories import make_task

committed = TestCase.captureOnCommitCallbacks


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (timedelta(0), "0m"),
        (timedelta(seconds=5), "5s"),
        (timedelta(seconds=89), "1m"),
        (timedelta(seconds=91), "2m"),
        (timedelta(hours=1, minutes=2, seconds=20), "1h 02m"),
        (90, "1h 30m"),  # minutes, as the estimates are stored
    ],
)
def test_durations_round_for_display_only(value, shown):
    assert hours(value) == shown


@pytest.mark.django_db
def test_a_short_timer_keeps_its_seconds(client, team_user):
    task = make_task(name="Cut teaser", assignees=[team_user.team_member])
    entry = timer_start(task=task, user=team_user)
    TimeEntry.objects.filter(pk=entry.pk).update(started_at=timezone.now() - timedelta(seconds=7))
    stopped = timer_stop(user=team_user)
    assert timedelta(seconds=7) <= stopped.duration < timedelta(seconds=30)
    assert stopped.duration.total_seconds() % 60 != 0  # kept to the second, not to the minute
    client.force_login(team_user)
    timer_start(task=task, user=team_user)
    TimeEntry.objects.filter(ended_at__isnull=True).update(
        started_at=timezone.now() - timedelta(seconds=12)
    )
    page = client.post("/tasks/timer/stop/", follow=True).content.decode()
    seconds = re.search(r"Logged (\d+)s on “Cut teaser”", page)
    assert seconds, "the message names the seconds, not 0 min"
    assert 12 <= int(seconds.group(1)) < 40


def test_one_date_format_wherever_a_template_prints_a_date():
    when = timezone.make_aware(datetime(2026, 12, 2, 14, 30))
    text = Template("{{ d }}|{{ d|date }}|{{ dt }}|{{ dt|date:'DATETIME_FORMAT' }}").render(
        Context({"d": date(2026, 12, 2), "dt": when})
    )
    assert text == "2 Dec 2026|2 Dec 2026|2 Dec 2026, 14:30|2 Dec 2026, 14:30"


def test_templates_use_no_other_date_time_spelling():
    """Dates with a time read "2 Dec 2026, 14:30" everywhere (no ISO stamps, no bare spaces)."""
    odd = re.compile(r'\|date:"(Y-m-d H:i:s|j M Y H:i|j M H:i|D j M H:i)"')
    root = Path(settings.BASE_DIR)
    found = [
        str(path.relative_to(root))
        for path in root.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and odd.search(path.read_text())
    ]
    assert not found


@pytest.mark.django_db
def test_a_staff_reply_moves_a_new_request_to_working(team_user, client_a, client_a_user):
    asked = make_portal_request(client_a, content="New menu photos?")
    portal_request_reply(portal_request=asked, author=client_a_user, body="Also the terrace")
    asked.refresh_from_db()
    assert asked.status == RequestStatus.NEW  # the client's own follow-up changes nothing
    portal_request_reply(portal_request=asked, author=team_user, body="On it, Thursday.")
    asked.refresh_from_db()
    assert asked.status == RequestStatus.WORKING
    done = make_portal_request(client_a, content="Old one", status=RequestStatus.DONE)
    portal_request_reply(portal_request=done, author=team_user, body="Thanks!")
    done.refresh_from_db()
    assert done.status == RequestStatus.DONE


@pytest.fixture
def eager_celery():
    """Jobs inline, even when REDIS_URL is set (the worker has its own tests)."""
    from localbzz.celery import app as celery_app

    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.mark.django_db
def test_the_bell_names_the_client_of_an_urgent_request(team_user, client_a, eager_celery):
    with committed(execute=True):
        portal_request_create(client=client_a, content="Help!", priority="Urgent")
    assert Notification.objects.get(user=team_user).title == "Urgent request from Acme Bakery"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_badge_muted_text_contrast_is_at_least_4_5():
    css = Path(finders.find("css/app.css")).read_text()
    rule = re.search(r"\.badge-muted \{([^}]*)\}", css).group(1)
    background = re.search(r"background: (#[0-9a-f]{6})", rule).group(1)
    colour = re.search(r"(?<!-)color: (#[0-9a-f]{6})", rule).group(1)
    light, dark = sorted([_luminance(background), _luminance(colour)], reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_a_favicon_is_shipped_and_answered(client):
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/favicon.svg")


def test_the_development_server_does_not_log_each_request_a_second_time():
    loggers = settings.LOGGING["loggers"]
    assert loggers["localbzz.requests"]["level"] in {"INFO", settings.LOG_LEVEL}
    assert loggers["django.channels.server"]["level"] == "ERROR"
    assert loggers["django.server"]["level"] == "ERROR"
