"""Staff dashboard pages of the team app."""

from localbzz.web import entity_urls

from . import views

app_name = "team"
urlpatterns = entity_urls(views, "team")
