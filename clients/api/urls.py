"""/api/clients, /api/clients/:id and the lists under a client."""

from clients.models import Client
from deliverables.api.views import DeliverableViewSet
from localbzz.api.base import Router, nested_route
from shoots.api.views import ShootViewSet
from tasks.api.views import TaskViewSet

from .views import ClientViewSet

router = Router()
router.register("clients", ClientViewSet, basename="client")

urlpatterns = [
    *router.urls,
    nested_route("clients/client_id/shoots", ShootViewSet, Client, "client", name="client-shoots"),
    nested_route(
        "clients/client_id/deliverables",
        DeliverableViewSet,
        Client,
        "client",
        name="client-deliverables",
    ),
    nested_route("clients/client_id/tasks", TaskViewSet, Client, "client", name="client-tasks"),
]
