"""/api/{deliverables|shoots|portal-requests}/:id/comments."""

from django.urls import re_path

from comments.owners import OWNER_KINDS
from localbzz.api.base import UUID_PATTERN

from .views import owner_viewset

urlpatterns = [
    re_path(
        rf"^{kind.segment}/(?P<pk>{UUID_PATTERN})/comments/?$",
        owner_viewset(kind).as_view({"get": "list", "post": "create"}),
        name=f"{kind.basename}-comments",
    )
    for kind in OWNER_KINDS
]
