"""Staff dashboard pages of the team: members, roles, their shoots and open tasks."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required
from localbzz.web import list_page
from shoots.models import ShootStatus
from shoots.selectors import shoot_rows
from tasks.selectors import task_list

from . import selectors
from .filtersets import TeamMemberFilterSet

team_list = list_page(TeamMemberFilterSet, selectors.team_member_rows, order=("name",))


@staff_required
@require_GET
def team_detail(request, pk):
    """One team member with upcoming shoots and open tasks."""
    member = selectors.team_member_get(user=request.user, pk=pk)
    shoots = (
        shoot_rows(user=request.user)
        .prefetch_related(None)
        .filter(assignments__team_member=member)
        .upcoming()
        .exclude(status=ShootStatus.CANCELLED)
        .with_crew_conflict(member)
    )
    tasks = (
        task_list(user=request.user)
        .prefetch_related(None)
        .filter(assignees=member)
        .open()
        .select_related("client")
    )
    return render(
        request,
        "team/teammember_detail.html",
        {
            "member": member,
            "shoots": list(shoots.order_by("shoot_start")[:20]),
            "tasks": list(tasks.order_by("due_date", "name")[:30]),
        },
    )
