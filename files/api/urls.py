"""/api/<owners>/:id/attachments and /api/attachments/:id[/download|/preview|/thumbnail]."""

from django.urls import re_path

from files.owners import OWNER_KINDS
from localbzz.api.base import UUID_PATTERN, Router

from .views import AttachmentViewSet, owner_viewset

router = Router()
router.register("attachments", AttachmentViewSet, basename="attachment")

urlpatterns = [
    re_path(
        rf"^{kind.segment}/(?P<pk>{UUID_PATTERN})/attachments/?$",
        owner_viewset(kind).as_view({"get": "list", "post": "create"}),
        name=f"{kind.basename}-attachments",
    )
    for kind in OWNER_KINDS
] + router.urls
