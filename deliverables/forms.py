"""Dashboard forms for deliverables: they shape input, the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from clients.selectors import client_list
from localbzz.widgets import use_fast_selects
from shoots.selectors import shoot_list
from team.selectors import active_team_members

from .models import Deliverable


class DeliverableForm(forms.ModelForm):
    """Create or edit a deliverable."""

    class Meta:
        model = Deliverable
        fields = [
            "client",
            "shoot",
            "title",
            "deliverable_type",
            "status",
            "due_date",
            "assignee",
            "file_link",
            "caption",
            "posting_instructions",
        ]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "caption": forms.Textarea(attrs={"rows": 4}),
            "posting_instructions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = client_list(user=user).only("id", "name")
        shoots = shoot_list(user=user).prefetch_related(None).select_related("client")
        client_id = self.instance.client_id or self.initial.get("client") or self.data.get("client")
        if client_id:
            try:
                shoots = shoots.filter(client_id=client_id)
            except (ValueError, TypeError, ValidationError):
                shoots = shoots.none()
        self.fields["shoot"].queryset = shoots
        self.fields["shoot"].required = False
        self.fields["assignee"].queryset = active_team_members(user)
        if self.instance.pk:
            self.fields["client"].disabled = True
        use_fast_selects(self)

    def clean(self):
        # The model's single-row rules run in the service; ModelForm must not save or validate.
        return self.cleaned_data

    def _post_clean(self):
        pass
