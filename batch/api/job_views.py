"""/api/batch-jobs/:id and /api/batch-jobs/:id/cancel: an import running as a job."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from localbzz.accounts.permissions import is_admin_user, is_staff_user
from localbzz.api.errors import Conflict

from ..batch_jobs import cancel_job
from ..models import BatchJob
from .serializers import BatchJobSerializer


class JobPermission(BasePermission):
    """Staff only (a client user finds no such route: 404)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            raise NotAuthenticated()
        if not is_staff_user(user):
            raise Http404("No such page.")
        return True


def _job(user, pk) -> BatchJob:
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        raise Http404("No such job.") from None
    return get_object_or_404(visible_jobs(user), pk=pk)


def visible_jobs(user):
    """Admins see every job; a team member the jobs they started."""
    jobs = BatchJob.objects.defer("payload")
    return jobs if is_admin_user(user) else jobs.filter(user=user)


class BatchJobView(APIView):
    permission_classes = (JobPermission,)

    @extend_schema(summary="A batch job's state", responses={200: BatchJobSerializer})
    def get(self, request, pk):
        """State, phase, progress and, once finished, the report of an import job."""
        job = _job(request.user, pk)
        return Response(BatchJobSerializer(job).data)


class BatchJobCancelView(APIView):
    permission_classes = (JobPermission,)

    @extend_schema(
        summary="Cancel a batch job",
        request=None,
        responses={200: BatchJobSerializer},  # 409 (already finished): the common error body
    )
    def post(self, request, pk):
        """A queued job is cancelled at once; a running one stops at its next step and
        everything it wrote is rolled back."""
        job = _job(request.user, pk)
        try:
            job = cancel_job(job=job, actor=request.user)
        except ValueError as exc:
            raise Conflict(str(exc)) from exc
        return Response(BatchJobSerializer(job).data)
