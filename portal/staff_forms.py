"""Dashboard forms for the staff inbox of portal requests."""

from __future__ import annotations

from django import forms

from localbzz.validators import textarea_of
from localbzz.widgets import use_fast_selects
from team.selectors import active_team_members

from .models import ClientPortalRequest, PortalRequestReply


class RequestUpdateForm(forms.ModelForm):
    """Status, priority, topic and assignee of a request."""

    class Meta:
        model = ClientPortalRequest
        fields = ["status", "priority", "topic", "assigned_to"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = active_team_members(user)
        self.fields["assigned_to"].empty_label = "Nobody"
        use_fast_selects(self)

    def _post_clean(self):
        # The service validates and saves.
        pass


class ReplyForm(forms.Form):
    body = textarea_of(
        PortalRequestReply,
        "body",
        label="Reply",
        error_messages={"required": "Write a message."},
    )
