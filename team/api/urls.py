"""/api/team-members, /api/team-members/:id and /api/team-members/:id/tasks."""

from django.urls import re_path

from localbzz.api.base import UUID_PATTERN, Router, nested
from tasks.api.views import TaskViewSet
from team.models import TeamMember

from .views import TeamMemberViewSet

router = Router()
router.register("team-members", TeamMemberViewSet, basename="team-member")

urlpatterns = [
    *router.urls,
    re_path(
        rf"^team-members/(?P<team_member_id>{UUID_PATTERN})/tasks/?$",
        nested(TaskViewSet, TeamMember, "team_member_id", "assignees").as_view({"get": "list"}),
        name="team-member-tasks",
    ),
]
