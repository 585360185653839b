import pytest

from localbzz.celery import app as celery_app
from localbzz.events.tests.receiver import Receiver


@pytest.fixture
def embedded_celery():
    """The embedded defaults: Celery eager (inline), as ``make run`` has it."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r
