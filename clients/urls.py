"""Staff dashboard pages of the clients app."""

app_name = "clients"
urlpatterns: list = []
