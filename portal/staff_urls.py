"""Staff inbox of portal requests in the dashboard."""

app_name = "requests"
urlpatterns: list = []
