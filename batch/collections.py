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
    page: str  # the dashboard's list page (its namespace finds the collection of a page)
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
        Collection(
            "clients",
            "client",
            ClientViewSet,
            "clients:list",
            natural_key="client_portal_subdomain",
        ),
        Collection("team-members", "team-member", TeamMemberViewSet, "team:list"),
        Collection(
            "shoots",
            "shoot",
            ShootViewSet,
            "shoots:list",
            team_imports=True,
            references={"client_id": CLIENT, "team": MEMBER},
        ),
        Collection(
            "deliverables",
            "deliverable",
            DeliverableViewSet,
            "deliverables:list",
            team_imports=True,
            references={"client_id": CLIENT, "shoot_id": OBJECT, "assignee_id": MEMBER},
        ),
        Collection(
            "tasks",
            "task",
            TaskViewSet,
            "tasks:list",
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
            "forms:list",
            create_service=form_services.form_submission_create,
        ),
        Collection(
            "portal-requests",
            "portal-request",
            PortalRequestViewSet,
            "requests:list",
            importable=False,
        ),
    )
}


#: the collection of a dashboard page, by its URL namespace
BY_NAMESPACE = {c.page.split(":")[0]: c for c in COLLECTIONS.values()}
