import pytest

from localbzz.celery import app as celery_app
from localbzz.events.tests.receiver import Receiver


@pytest.fixture(autouse=True)
def eager_celery():
    """Unit tests run jobs inline, even when REDIS_URL is set (the real worker has its own
    tests under tests/services/)."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r
