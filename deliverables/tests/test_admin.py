"""Admin actions and saves on deliverables go through the services and emit events."""

import pytest
from django.urls import reverse

from deliverables.models import DeliverableStatus
from deliverables.tests.factories import make_deliverable
from localbzz.events.models import Event


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("status", DeliverableStatus.values)
def test_admin_action_moves_selected_deliverables_to_status(admin_client, status):
    start = DeliverableStatus.DELIVERED if status == DeliverableStatus.TO_DO else "To Do"
    rows = [make_deliverable(status=start) for _ in range(3)]
    untouched = make_deliverable(status=start)
    action = f"set_status_{status.lower().replace(' ', '_').replace('-', '_')}"
    response = admin_client.post(
        reverse("admin:deliverables_deliverable_changelist"),
        {"action": action, "_selected_action": [str(d.pk) for d in rows]},
        follow=True,
    )
    assert response.status_code == 200
    for d in rows:
        d.refresh_from_db()
        assert d.status == status
        assert d.status_changed_at is not None
    untouched.refresh_from_db()
    assert untouched.status == start
    events = Event.objects.filter(type="deliverable.status_changed")
    assert sorted(e.object_id for e in events) == sorted(str(d.pk) for d in rows)


@pytest.mark.django_db
def test_admin_change_form_status_edit_emits_status_changed(admin_client, admin_user):
    d = make_deliverable(status=DeliverableStatus.IN_PROGRESS, title="Spring reel")
    url = reverse("admin:deliverables_deliverable_change", args=[d.pk])
    form = {
        "client": d.client_id,
        "shoot": "",
        "title": "Spring reel",
        "deliverable_type": d.deliverable_type,
        "status": DeliverableStatus.NEEDS_REVIEW,
        "due_date": d.due_date.isoformat(),
        "assignee": "",
        "file_link": "",
        "caption": "",
        "posting_instructions": "",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content[:2000]
    d.refresh_from_db()
    assert d.status == DeliverableStatus.NEEDS_REVIEW
    event = Event.objects.get(type="deliverable.status_changed", object_id=str(d.pk))
    assert event.data["changes"]["status"] == {"from": "In Progress", "to": "Needs Review"}
    assert event.actor_id == admin_user.pk


@pytest.mark.django_db
def test_admin_change_form_refuses_shoot_of_another_client(admin_client):
    from shoots.tests.factories import make_shoot

    d = make_deliverable()
    other_shoot = make_shoot()
    url = reverse("admin:deliverables_deliverable_change", args=[d.pk])
    response = admin_client.post(
        url,
        {
            "client": d.client_id,
            "shoot": other_shoot.pk,
            "title": d.title,
            "deliverable_type": d.deliverable_type,
            "status": d.status,
            "reviews-TOTAL_FORMS": "0",
            "reviews-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert b"belongs to another client" in response.content
    d.refresh_from_db()
    assert d.shoot_id is None
