"""The dashboard home page."""

app_name = "dashboard"
urlpatterns: list = []
