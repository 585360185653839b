"""The collections that import and export (DESIGN.md §7): each is its API viewset.

A collection reads through its viewset (selector, FilterSet, ordering, serializer) and writes
through the viewset's services, so a file row is validated and written exactly as an API
call would be. ``references`` name the columns that may point at another object by a human
key instead of a UUID (``client_id``: a subdomain or a name; ``assignee_id``: an e-mail).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clients.api.views import ClientViewSet
from deliverables.api.views import DeliverableViewSet
from forms import services as form_services
from forms.api.views import FormSubmissionViewSet
from portal.api.views import PortalRequestViewSet
from shoots.api.views import ShootViewSet
from tasks.api.views import TaskViewSet
from team.api.views import TeamMemberViewSet

CLIENT = "client"
MEMBER = "member"
OBJECT = "object"  # a UUID only (a shoot, a deliverable)


@dataclass(frozen=True)
class Collection:
    name: str  # the API path segment: /api/<name>/export
    basename: str  # the route names: <basename>-export, <basename>-import
    viewset: type
    importable: bool = True
    team_imports: bool = False  # DESIGN §3: team imports shoots, deliverables and tasks
    natural_key: str = ""  # a column whose value finds an existing row (no id given)
    references: dict = field(default_factory=dict)  # column -> CLIENT | MEMBER | OBJECT
    create_service: Callable | None = None  # when the viewset has none of its own

    @property
    def model(self):
        return self.viewset.policy_model

    def create(self, **kwargs):
        return (self.create_service or self.viewset.create_service)(**kwargs)

    def update(self, instance, **kwargs):
        return self.viewset.update_service(**{self.viewset.service_object: instance}, **kwargs)


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection("clients", "client", ClientViewSet, natural_key="client_portal_subdomain"),
        Collection("team-members", "team-member", TeamMemberViewSet),
        Collection(
            "shoots",
            "shoot",
            ShootViewSet,
            team_imports=True,
            references={"client_id": CLIENT, "team": MEMBER},
        ),
        Collection(
            "deliverables",
            "deliverable",
            DeliverableViewSet,
            team_imports=True,
            references={"client_id": CLIENT, "shoot_id": OBJECT, "assignee_id": MEMBER},
        ),
        Collection(
            "tasks",
            "task",
            TaskViewSet,
            team_imports=True,
            references={
                "client_id": CLIENT,
                "shoot_id": OBJECT,
                "deliverable_id": OBJECT,
                "assignee_ids": MEMBER,
            },
        ),
        Collection(
            "form-submissions",
            "form-submission",
            FormSubmissionViewSet,
            create_service=form_services.form_submission_create,
        ),
        Collection("portal-requests", "portal-request", PortalRequestViewSet, importable=False),
    )
}
