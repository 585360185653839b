"""REST API routes (every path of the integration guide)."""

app_name = "api"
urlpatterns: list = []
