"""Every admin delete and bulk delete goes through the entity's delete service: it emits
``<entity>.deleted`` with the admin as actor, so the audit log has it (issue 9 item 18)."""

import pytest
from django.urls import reverse

from clients.tests.factories import make_client
from deliverables.tests.factories import make_deliverable
from forms.tests.factories import make_form_submission
from localbzz.events.models import Event
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db

ENTITIES = {
    "client": ("clients_client", make_client),
    "team_member": ("team_teammember", make_team_member),
    "shoot": ("shoots_shoot", make_shoot),
    "deliverable": ("deliverables_deliverable", make_deliverable),
    "task": ("tasks_task", make_task),
    "form_submission": ("forms_formsubmission", make_form_submission),
    "portal_request": ("portal_clientportalrequest", make_portal_request),
}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _deleted_events(entity):
    return Event.objects.filter(type=f"{entity}.deleted").select_related("actor")


@pytest.mark.parametrize("entity", ENTITIES)
def test_admin_delete_emits_the_deleted_event_into_the_audit_log(admin_client, admin_user, entity):
    url_name, make = ENTITIES[entity]
    obj = make()
    response = admin_client.post(
        reverse(f"admin:{url_name}_delete", args=[obj.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()
    (event,) = _deleted_events(entity)
    assert event.object_id == str(obj.pk)
    assert event.actor == admin_user
    assert event.data["object"]["id"] == str(obj.pk)
    audit = admin_client.get("/audit/", {"type": f"{entity}.deleted"}).content.decode()
    assert str(obj.pk) in audit


@pytest.mark.parametrize("entity", ENTITIES)
def test_admin_bulk_delete_emits_one_deleted_event_per_row(admin_client, admin_user, entity):
    url_name, make = ENTITIES[entity]
    objs = [make(), make()]
    kept = make()
    response = admin_client.post(
        reverse(f"admin:{url_name}_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(o.pk) for o in objs],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not type(kept).objects.filter(pk__in=[o.pk for o in objs]).exists()
    assert type(kept).objects.filter(pk=kept.pk).exists()
    events = _deleted_events(entity)
    assert sorted(e.object_id for e in events) == sorted(str(o.pk) for o in objs)
    assert {e.actor for e in events} == {admin_user}
