"""Staff dashboard pages of the deliverables app."""

app_name = "deliverables"
urlpatterns: list = []
