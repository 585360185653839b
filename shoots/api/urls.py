"""/api/shoots, /api/shoots/:id and /api/shoots/:shootId/deliverables."""

from deliverables.api.views import DeliverableViewSet
from localbzz.api.base import Router, nested_route
from shoots.models import Shoot

from .views import ShootViewSet

router = Router()
router.register("shoots", ShootViewSet, basename="shoot")

urlpatterns = [
    *router.urls,
    nested_route(
        "shoots/shoot_id/deliverables",
        DeliverableViewSet,
        Shoot,
        "shoot",
        name="shoot-deliverables",
    ),
]
