import pytest
from django.test import TestCase

from deliverables.models import DeliverableStatus, ReviewDecision
from deliverables.services import deliverable_review, deliverable_set_status
from deliverables.tests.factories import make_deliverable
from forms.services import form_submission_create
from localbzz.accounts.models import Role
from localbzz.accounts.tests.factories import make_user
from localbzz.events.models import Notification, NotificationKind
from localbzz.events.notifications import notification_preference_set
from portal.services import portal_request_create
from tasks.services import task_create
from team.tests.factories import make_team_member

pytestmark = pytest.mark.django_db
committed = TestCase.captureOnCommitCallbacks


def test_task_assignment_notifies_the_assignee_only(team_user, admin_user, mailoutbox):
    other = make_user(Role.TEAM)
    with committed(execute=True):
        task_create(name="Edit reel", actor=admin_user, assignees=[team_user.team_member])
    note = Notification.objects.get()
    assert note.user == team_user
    assert note.kind == NotificationKind.TASK_ASSIGNED
    assert "Edit reel" in note.title
    assert not Notification.objects.filter(user=other).exists()
    assert [m.to for m in mailoutbox] == [[team_user.email]]


def test_urgent_portal_request_notifies_staff_not_clients(
    admin_user, team_user, client_a, client_a_user
):
    with committed(execute=True):
        portal_request_create(client=client_a, content="Help!", priority="Urgent")
        portal_request_create(client=client_a, content="No rush", priority="Normal")
    users = set(Notification.objects.values_list("user__email", "kind"))
    assert users == {
        (admin_user.email, NotificationKind.URGENT_REQUEST),
        (team_user.email, NotificationKind.URGENT_REQUEST),
    }


def test_new_form_submission_notifies_staff(admin_user, team_user):
    with committed(execute=True):
        form_submission_create(
            contact_name="Pat",
            email="pat@example.com",
            business_name="Pat's",
            consent_to_contact=True,
        )
    assert Notification.objects.filter(kind=NotificationKind.FORM_SUBMISSION).count() == 2


def test_needs_review_notifies_client_users_and_change_request_notifies_assignee(
    client_a, client_a_user, client_b_user, team_user, admin_user
):
    deliverable = make_deliverable(client=client_a, assignee=team_user.team_member)
    with committed(execute=True):
        deliverable_set_status(
            deliverable=deliverable, status=DeliverableStatus.NEEDS_REVIEW, actor=admin_user
        )
    note = Notification.objects.get(kind=NotificationKind.REVIEW_NEEDED)
    assert note.user == client_a_user
    with committed(execute=True):
        deliverable_review(
            deliverable=deliverable,
            actor=client_a_user,
            decision=ReviewDecision.CHANGES_REQUESTED,
            comment="Brighter colours please",
        )
    change = Notification.objects.get(kind=NotificationKind.CHANGES_REQUESTED)
    assert change.user == team_user
    assert change.body == "Brighter colours please"
    assert not Notification.objects.filter(user=client_b_user).exists()


def test_preferences_turn_off_in_app_and_email_separately(team_user, admin_user, mailoutbox):
    notification_preference_set(
        user=team_user, kind=NotificationKind.TASK_ASSIGNED, in_app=False, email=True
    )
    with committed(execute=True):
        task_create(name="A", actor=admin_user, assignees=[team_user.team_member])
    assert not Notification.objects.exists()
    assert len(mailoutbox) == 1
    notification_preference_set(
        user=team_user, kind=NotificationKind.TASK_ASSIGNED, in_app=True, email=False
    )
    with committed(execute=True):
        task_create(name="B", actor=admin_user, assignees=[team_user.team_member])
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_actor_is_not_notified_of_own_change(team_user):
    member = team_user.team_member
    with committed(execute=True):
        task_create(name="Mine", actor=team_user, assignees=[member, make_team_member()])
    assert not Notification.objects.filter(user=team_user).exists()


def test_redispatch_does_not_duplicate_notifications(team_user, admin_user, mailoutbox):
    from localbzz.events.fanout import dispatch_event
    from localbzz.events.models import Event

    with committed(execute=True):
        task_create(name="Once", actor=admin_user, assignees=[team_user.team_member])
    event = Event.objects.get(type="task.assigned")
    dispatch_event(event.pk)
    assert Notification.objects.filter(user=team_user).count() == 1
    assert len(mailoutbox) == 1
