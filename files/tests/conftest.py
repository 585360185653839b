"""Jobs (thumbnails, Drive folders) run inline here, even when REDIS_URL is set."""

from localbzz.events.tests.conftest import eager_celery  # noqa: F401 - an autouse fixture
