"""Team member endpoints: /api/team-members and /api/team-members/:id."""

from localbzz.accounts.permissions import is_staff_user
from localbzz.api.base import CRUDViewSet
from team import selectors, services
from team.filtersets import TeamMemberFilterSet
from team.models import TeamMember

from .serializers import TeamMemberNameSerializer, TeamMemberSerializer


class TeamMemberViewSet(CRUDViewSet):
    """Team members: admins all, team read, a client user the names on its own shoots."""

    policy_model = TeamMember
    selector = selectors.team_member_list
    serializer_class = TeamMemberSerializer
    filterset_class = TeamMemberFilterSet
    ordering_fields = ("name", "created_at", "updated_at")
    ordering = ("name",)
    create_service = services.team_member_create
    update_service = services.team_member_update
    delete_service = services.team_member_delete
    service_object = "member"

    def get_serializer_class(self):
        request = getattr(self, "request", None)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not is_staff_user(user):
            return TeamMemberNameSerializer
        return TeamMemberSerializer
