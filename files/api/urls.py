"""/api/<owners>/:id/attachments, /api/attachments/:id[/download|/preview|/thumbnail],
/api/clients/:id/logo, and Drive's /api/shoots/:id/drive-files and
/api/deliverables/:id/drive-file."""

from django.urls import re_path

from files.owners import OWNER_KINDS
from localbzz.api.base import UUID_PATTERN, Router

from .drive import DeliverableDriveFileView, ShootDriveFilesView
from .logo import ClientLogoViewSet
from .views import AttachmentViewSet, owner_viewset

router = Router()
router.register("attachments", AttachmentViewSet, basename="attachment")

urlpatterns = (
    [
        re_path(
            rf"^{kind.segment}/(?P<pk>{UUID_PATTERN})/attachments/?$",
            owner_viewset(kind).as_view({"get": "list", "post": "create"}),
            name=f"{kind.basename}-attachments",
        )
        for kind in OWNER_KINDS
    ]
    + [
        re_path(
            rf"^clients/(?P<pk>{UUID_PATTERN})/logo/?$",
            ClientLogoViewSet.as_view({"get": "retrieve", "post": "create", "delete": "destroy"}),
            name="client-logo",
        ),
        re_path(
            rf"^shoots/(?P<pk>{UUID_PATTERN})/drive-files/?$",
            ShootDriveFilesView.as_view(),
            name="shoot-drive-files",
        ),
        re_path(
            rf"^deliverables/(?P<pk>{UUID_PATTERN})/drive-file/?$",
            DeliverableDriveFileView.as_view(),
            name="deliverable-drive-file",
        ),
    ]
    + router.urls
)
