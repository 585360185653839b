"""/api/team-members, /api/team-members/:id and /api/team-members/:id/tasks."""

from localbzz.api.base import Router, nested_route
from tasks.api.views import TaskViewSet
from team.models import TeamMember

from .views import TeamMemberViewSet

router = Router()
router.register("team-members", TeamMemberViewSet, basename="team-member")

urlpatterns = [
    *router.urls,
    nested_route(
        "team-members/team_member_id/tasks",
        TaskViewSet,
        TeamMember,
        "assignees",
        name="team-member-tasks",
    ),
]
