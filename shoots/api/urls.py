"""/api/shoots, /api/shoots/:id and /api/shoots/:shootId/deliverables."""

from django.urls import re_path

from deliverables.api.views import DeliverableViewSet
from localbzz.api.base import UUID_PATTERN, Router, nested
from shoots.models import Shoot

from .views import ShootViewSet

router = Router()
router.register("shoots", ShootViewSet, basename="shoot")

urlpatterns = [
    *router.urls,
    re_path(
        rf"^shoots/(?P<shoot_id>{UUID_PATTERN})/deliverables/?$",
        nested(DeliverableViewSet, Shoot, "shoot_id", "shoot").as_view({"get": "list"}),
        name="shoot-deliverables",
    ),
]
