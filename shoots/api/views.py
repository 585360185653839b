"""Shoot endpoints: /api/shoots, /api/shoots/:id."""

from contextlib import contextmanager

from localbzz.api.base import CRUDViewSet
from localbzz.api.errors import Conflict
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

    def perform_create(self, serializer):
        with _overlap_as_conflict():
            super().perform_create(serializer)

    def perform_update(self, serializer):
        with _overlap_as_conflict():
            super().perform_update(serializer)


@contextmanager
def _overlap_as_conflict():
    """A double-booking (services.CrewOverlap) answers 409 with who is where."""
    try:
        yield
    except services.CrewOverlap as exc:
        conflicts = [
            {
                "team_member_id": str(row.team_member_id),
                "team_member": row.team_member.name,
                "shoot_id": str(row.shoot_id),
                "shoot_title": row.shoot.title,
                "shoot_start": row.shoot.shoot_start.isoformat(),
                "shoot_end": row.shoot.shoot_end.isoformat(),
            }
            for row in exc.conflicts
        ]
        message = " ".join(exc.messages) + " Send allow_overlap: true to book anyway."
        raise Conflict({"detail": message, "conflicts": conflicts}) from None
