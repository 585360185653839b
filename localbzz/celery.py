"""Celery application. Tasks live in each app's ``jobs.py`` (never ``tasks.py``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localbzz.settings")

app = Celery("localbzz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(related_name="jobs")
