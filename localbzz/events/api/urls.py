"""Events API routes (/api/events, /api/webhooks, ...), included by localbzz/api/urls.py."""

urlpatterns: list = []
