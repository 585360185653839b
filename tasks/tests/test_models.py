"""Task rules: completed_at only on completed tasks; time entries and running timers."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tasks.models import Task, TaskStatus, TimeEntry
from tasks.services import task_set_status, time_entry_add, timer_start, timer_stop
from tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


def test_completing_a_task_stamps_completed_at_and_reopening_clears_it():
    task = make_task()
    task_set_status(task=task, status=TaskStatus.COMPLETED)
    assert task.completed_at is not None
    task_set_status(task=task, status=TaskStatus.IN_PROGRESS)
    task.refresh_from_db()
    assert task.completed_at is None


def test_database_refuses_completed_at_on_unfinished_task():
    task = make_task(status=TaskStatus.IN_PROGRESS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(completed_at=timezone.now())


def test_time_entry_must_end_after_it_starts(team_user):
    task = make_task()
    now = timezone.now()
    with pytest.raises(ValidationError):
        time_entry_add(task=task, user=team_user, started_at=now, ended_at=now - timedelta(hours=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntry.objects.create(
            task=task, user=team_user, started_at=now, ended_at=now - timedelta(minutes=1)
        )


def test_logged_duration_sets_the_end_and_counts_in_task_total(team_user):
    task = make_task(estimated_minutes=120)
    start = timezone.now() - timedelta(hours=5)
    time_entry_add(task=task, user=team_user, started_at=start, duration=timedelta(minutes=45))
    time_entry_add(
        task=task,
        user=team_user,
        started_at=start + timedelta(hours=1),
        ended_at=start + timedelta(hours=2),
    )
    total = Task.objects.with_time_logged().get(pk=task.pk).time_logged
    assert total == timedelta(minutes=105)


def test_one_running_timer_per_user(team_user):
    first, second = make_task(), make_task()
    timer_start(task=first, user=team_user)
    timer_start(task=second, user=team_user)  # stops the first
    running = TimeEntry.objects.filter(user=team_user, ended_at__isnull=True)
    assert [e.task_id for e in running] == [second.pk]
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntry.objects.create(task=first, user=team_user, started_at=timezone.now())
    entry = timer_stop(user=team_user)
    assert entry.duration is not None
    with pytest.raises(ValidationError):
        timer_stop(user=team_user)
