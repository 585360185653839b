"""Staff pages of the events app (webhook endpoints, notifications)."""

app_name = "events"
urlpatterns: list = []
