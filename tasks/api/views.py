"""Task endpoints: /api/tasks, /api/tasks/:id, timers and time entries."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from localbzz.accounts.permissions import Action
from localbzz.api.base import CRUDViewSet
from localbzz.api.errors import Conflict
from tasks import selectors, services
from tasks.filtersets import TaskFilterSet
from tasks.models import Task

from .serializers import TaskSerializer, TimeEntrySerializer, TimerSerializer


class TaskViewSet(CRUDViewSet):
    """Tasks: staff only. Time tracking hangs off each task."""

    policy_model = Task
    selector = selectors.task_list
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    ordering_fields = ("due_date", "priority", "status", "name", "created_at", "updated_at")
    ordering = ("due_date", "name")
    create_service = services.task_create
    update_service = services.task_update
    delete_service = services.task_delete
    service_object = "task"
    policy_actions = {  # noqa: RUF012
        "timer_start": Action.CHANGE,
        "timer_stop": Action.CHANGE,
        "time_entries": Action.VIEW,
    }

    @extend_schema(request=TimerSerializer, responses={201: TimeEntrySerializer})
    @action(detail=True, methods=["post"], url_path="timer/start", url_name="timer-start")
    def timer_start(self, request, pk=None):
        """Starts the signed-in user's timer on this task (stopping one running elsewhere)."""
        task = self.get_object()
        body = TimerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        entry = services.timer_start(task=task, user=request.user, **body.validated_data)
        return Response(TimeEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TimerSerializer, responses={200: TimeEntrySerializer})
    @action(detail=True, methods=["post"], url_path="timer/stop", url_name="timer-stop")
    def timer_stop(self, request, pk=None):
        """Stops the signed-in user's timer on this task (409 when none runs here)."""
        task = self.get_object()
        body = TimerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        running = services.running_timer(request.user)
        if running is None or running.task_id != task.pk:
            raise Conflict("No timer of yours is running on this task.")
        try:
            entry = services.timer_stop(user=request.user, note=body.validated_data.get("note"))
        except ValidationError as exc:
            raise Conflict(exc.messages[0]) from exc
        return Response(TimeEntrySerializer(entry).data)

    @extend_schema(methods=["GET"], responses={200: TimeEntrySerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=TimeEntrySerializer, responses={201: TimeEntrySerializer}
    )
    @action(detail=True, methods=["get", "post"], url_path="time-entries")
    def time_entries(self, request, pk=None):
        """Lists the task's time entries, or logs finished time on it."""
        task = self.get_object()
        if request.method == "GET":
            entries = selectors.time_entry_list(user=request.user, task=task)
            page = self.paginate_queryset(entries)
            return self.get_paginated_response(TimeEntrySerializer(page, many=True).data)
        body = TimeEntrySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = {k: v for k, v in body.validated_data.items() if v is not None}
        entry = services.time_entry_add(task=task, user=request.user, **data)
        return Response(TimeEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
