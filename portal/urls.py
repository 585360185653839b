"""Client portal pages (path form /portal/<subdomain>/ and, via host routing, the subdomain)."""

app_name = "portal"
urlpatterns: list = []
