"""The form submissions in the event stream: types, representation, notification rules."""

from localbzz.accounts.permissions import staff_users
from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, notification_rule, object_name
from localbzz.events.representation import object_url, register_entity
from localbzz.events.types import register_event_types

register_event_types(
    "form_submission.created",
    "form_submission.updated",
    "form_submission.approved",
    "form_submission.rejected",
    "form_submission.deleted",
)
register_entity(
    "forms.formsubmission",
    serializer="forms.api.serializers.FormSubmissionSerializer",
    url="forms:detail",
)


@notification_rule("form_submission.created")
def new_submission(event):
    """Every staff member hears of a new public form submission."""
    message = Message(
        NotificationKind.FORM_SUBMISSION,
        f"New form submission: {object_name(event)}",
        "",  # the contact is encrypted at rest: notifications keep no copy of it
        object_url(event.object_type, event.object_id),
    )
    return message, staff_users()
