import pytest

from localbzz.celery import app as celery_app


@pytest.fixture(autouse=True)
def eager_celery():
    """Notifications are fanned out by jobs: run them inline, even when REDIS_URL is set."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before
