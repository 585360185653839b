"""Shoot endpoints: /api/shoots, /api/shoots/:id."""

from localbzz.api.base import CRUDViewSet
from shoots import selectors, services
from shoots.filtersets import ShootFilterSet
from shoots.models import Shoot

from .serializers import ShootSerializer


class ShootViewSet(CRUDViewSet):
    """Shoots: staff all (team may not delete a completed one), a client user reads its own."""

    policy_model = Shoot
    selector = selectors.shoot_list
    serializer_class = ShootSerializer
    filterset_class = ShootFilterSet
    ordering_fields = ("shoot_start", "status", "created_at", "updated_at")
    ordering = ("-shoot_start",)
    create_service = services.shoot_create
    update_service = services.shoot_update
    delete_service = services.shoot_delete
    service_object = "shoot"
