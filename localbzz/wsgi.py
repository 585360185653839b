"""WSGI entry point for the HTTP workers (gunicorn) in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localbzz.settings")

application = get_wsgi_application()
