"""Staff dashboard pages of the team: members, roles, their shoots and open tasks."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from localbzz.accounts.mixins import staff_required
from localbzz.views import paginate
from shoots.models import Shoot, ShootAssignment, ShootStatus
from tasks.models import Task, TaskStatus

from .forms import TeamFilterForm
from .models import TeamMember


@staff_required
@require_GET
def team_list(request):
    """Team members with roles and counts of upcoming shoots and open tasks."""
    form = TeamFilterForm(request.GET or None)
    now = timezone.now()
    qs = TeamMember.objects.visible_to(request.user).prefetch_related("roles")
    active = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        active = data["active"]
        if data["q"]:
            qs = qs.filter(Q(name__icontains=data["q"]) | Q(email__icontains=data["q"]))
        if data["role"]:
            qs = qs.filter(roles__name=data["role"])
    if active == "inactive":
        qs = qs.filter(is_active=False)
    elif active != "all":
        qs = qs.filter(is_active=True)
    # Correlated subqueries: joining both relations at once would multiply the rows.
    upcoming = (
        ShootAssignment.objects.filter(
            team_member=OuterRef("pk"),
            shoot__shoot_start__gte=now,
            shoot__status__in=[ShootStatus.SCHEDULED, ShootStatus.POSTPONED],
        )
        .order_by()
        .values("team_member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_tasks = (
        Task.assignees.through.objects.filter(teammember_id=OuterRef("pk"))
        .exclude(task__status=TaskStatus.COMPLETED)
        .order_by()
        .values("teammember_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = qs.annotate(
        upcoming_shoots=Coalesce(Subquery(upcoming), 0),
        open_tasks=Coalesce(Subquery(open_tasks), 0),
    ).order_by("name")
    page_obj, querystring = paginate(request, qs)
    return render(
        request,
        "team/teammember_list.html",
        {"filter_form": form, "page_obj": page_obj, "querystring": querystring},
    )


@staff_required
@require_GET
def team_detail(request, pk):
    """One team member with upcoming shoots and open tasks."""
    member = get_object_or_404(
        TeamMember.objects.visible_to(request.user).prefetch_related("roles"), pk=pk
    )
    shoots = list(
        Shoot.objects.visible_to(request.user)
        .filter(assignments__team_member=member, shoot_start__gte=timezone.now())
        .exclude(status=ShootStatus.CANCELLED)
        .select_related("client")
        .order_by("shoot_start")[:20]
    )
    tasks = list(
        Task.objects.visible_to(request.user)
        .filter(assignees=member)
        .exclude(status=TaskStatus.COMPLETED)
        .select_related("client")
        .order_by("due_date", "name")[:30]
    )
    return render(
        request, "team/teammember_detail.html", {"member": member, "shoots": shoots, "tasks": tasks}
    )
