"""Portal-owned API routes (invites), included by localbzz/api/urls.py."""

urlpatterns: list = []
