"""Staff dashboard pages of the forms app."""

app_name = "forms"
urlpatterns: list = []
