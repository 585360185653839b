"""/api/clients, /api/clients/:id and the lists under a client."""

from django.urls import re_path

from clients.models import Client
from deliverables.api.views import DeliverableViewSet
from localbzz.api.base import UUID_PATTERN, Router, nested
from shoots.api.views import ShootViewSet
from tasks.api.views import TaskViewSet

from .views import ClientViewSet

router = Router()
router.register("clients", ClientViewSet, basename="client")

_LIST = {"get": "list"}
_PREFIX = rf"^clients/(?P<client_id>{UUID_PATTERN})"

urlpatterns = [
    *router.urls,
    re_path(
        rf"{_PREFIX}/shoots/?$",
        nested(ShootViewSet, Client, "client_id", "client").as_view(_LIST),
        name="client-shoots",
    ),
    re_path(
        rf"{_PREFIX}/deliverables/?$",
        nested(DeliverableViewSet, Client, "client_id", "client").as_view(_LIST),
        name="client-deliverables",
    ),
    re_path(
        rf"{_PREFIX}/tasks/?$",
        nested(TaskViewSet, Client, "client_id", "client").as_view(_LIST),
        name="client-tasks",
    ),
]
