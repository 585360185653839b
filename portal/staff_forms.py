"""Dashboard forms for the staff inbox of portal requests."""

from __future__ import annotations

from django import forms

from clients.models import Client
from localbzz.widgets import use_fast_selects
from team.models import TeamMember

from .models import ClientPortalRequest, RequestPriority, RequestStatus, RequestTopic


class RequestFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Text or client"}),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *RequestStatus.choices]
    )
    priority = forms.ChoiceField(
        label="Priority", required=False, choices=[("", "Any priority"), *RequestPriority.choices]
    )
    topic = forms.ChoiceField(
        label="Topic", required=False, choices=[("", "Any topic"), *RequestTopic.choices]
    )
    client = forms.ModelChoiceField(
        label="Client", required=False, queryset=Client.objects.none(), empty_label="Any client"
    )
    assigned_to = forms.ModelChoiceField(
        label="Assigned to",
        required=False,
        queryset=TeamMember.objects.none(),
        empty_label="Anyone",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.visible_to(user).only("id", "name")
        self.fields["assigned_to"].queryset = TeamMember.objects.visible_to(user).only("id", "name")
        use_fast_selects(self)


class RequestUpdateForm(forms.ModelForm):
    """Status, priority, topic and assignee of a request."""

    class Meta:
        model = ClientPortalRequest
        fields = ["status", "priority", "topic", "assigned_to"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = TeamMember.objects.visible_to(user).filter(
            is_active=True
        )
        self.fields["assigned_to"].empty_label = "Nobody"
        use_fast_selects(self)

    def _post_clean(self):
        # The service validates and saves.
        pass


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Reply",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a message."},
    )
