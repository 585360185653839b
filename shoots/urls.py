"""Staff dashboard pages of the shoots app."""

app_name = "shoots"
urlpatterns: list = []
