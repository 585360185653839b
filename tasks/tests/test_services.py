"""Task services: assignment and completion events."""

import pytest

from localbzz.events.models import Event
from tasks.models import TaskStatus
from tasks.services import task_assign, task_create, task_set_status
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db


def test_each_assignee_gets_one_task_assigned_event(admin_user):
    a, b = make_team_member(), make_team_member()
    task = task_create(actor=admin_user, name="Edit reels", assignees=[a])
    task_assign(task=task, member=b, actor=admin_user)
    task_assign(task=task, member=b, actor=admin_user)  # already there: nothing new
    assigned = Event.objects.filter(type="task.assigned").order_by("occurred_at")
    assert [e.data["changes"]["assignee"]["id"] for e in assigned] == [str(a.pk), str(b.pk)]


def test_completing_emits_task_completed_once(admin_user, django_capture_on_commit_callbacks):
    task = task_create(actor=admin_user, name="Schedule posts")
    with django_capture_on_commit_callbacks():
        task_set_status(task=task, status=TaskStatus.COMPLETED, actor=admin_user)
        task_set_status(task=task, status=TaskStatus.COMPLETED, actor=admin_user)
    assert Event.objects.filter(type="task.completed").count() == 1
