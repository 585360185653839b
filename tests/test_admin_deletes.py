"""Every admin delete and bulk delete goes through the entity's delete service: it emits
``<entity>.deleted`` with the admin as actor, so the audit log has it (issue 9 item 18)."""

import json

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


def _posted_form(response) -> dict:
    """What a browser would post back from an admin change page, unchanged."""
    data = {}

    def add(form, prefix=""):
        for name, field in form.fields.items():
            value = form[name].value()  # as the widget renders it
            key = f"{prefix}{name}"
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif getattr(field.widget, "allow_multiple_selected", False):
                data[key] = [str(v) for v in value or ()]
            elif isinstance(value, (list, dict)):
                data[key] = json.dumps(value)
            elif value is not None:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form, f"{formset.prefix}-")
        for form in formset.forms:
            add(form, f"{form.prefix}-")
    return data


def test_a_shoot_deleted_in_the_clients_inline_goes_through_the_shoot_service(
    admin_client, admin_user
):
    shoot = make_shoot()
    url = reverse("admin:clients_client_change", args=[shoot.client_id])
    data = _posted_form(admin_client.get(url))
    prefix = next(k for k, v in data.items() if k.endswith("-id") and v == str(shoot.pk))
    data[prefix.removesuffix("id") + "DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert not type(shoot).objects.filter(pk=shoot.pk).exists()
    (event,) = _deleted_events("shoot")
    assert (event.object_id, event.actor) == (str(shoot.pk), admin_user)
