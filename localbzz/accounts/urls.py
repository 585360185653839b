"""Sign in, sign out, password reset."""

app_name = "accounts"
urlpatterns: list = []
