"""Client endpoints: /api/clients and /api/clients/:id."""

from clients import selectors, services
from clients.filtersets import ClientFilterSet
from clients.models import Client
from localbzz.api.base import CRUDViewSet

from .serializers import ClientSerializer


class ClientViewSet(CRUDViewSet):
    """Clients: admins all, team read and update, a client user its own profile."""

    policy_model = Client
    selector = selectors.client_list
    serializer_class = ClientSerializer
    filterset_class = ClientFilterSet
    ordering_fields = ("name", "status", "created_at", "updated_at")
    ordering = ("name",)
    create_service = services.client_create
    update_service = services.client_update
    delete_service = services.client_delete
    service_object = "client"
