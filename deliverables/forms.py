"""Dashboard forms for deliverables: they shape input, the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from clients.models import Client
from localbzz.widgets import use_fast_selects
from shoots.models import Shoot
from team.models import TeamMember

from .models import Deliverable, DeliverableStatus


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
        self.fields["client"].queryset = Client.objects.visible_to(user).only("id", "name")
        shoots = Shoot.objects.visible_to(user).select_related("client")
        client_id = self.instance.client_id or self.initial.get("client") or self.data.get("client")
        if client_id:
            try:
                shoots = shoots.filter(client_id=client_id)
            except (ValueError, TypeError, ValidationError):
                shoots = shoots.none()
        self.fields["shoot"].queryset = shoots
        self.fields["shoot"].required = False
        self.fields["assignee"].queryset = TeamMember.objects.visible_to(user).filter(
            is_active=True
        )
        if self.instance.pk:
            self.fields["client"].disabled = True
        use_fast_selects(self)

    def clean(self):
        # The model's single-row rules run in the service; ModelForm must not save or validate.
        return self.cleaned_data

    def _post_clean(self):
        pass


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=DeliverableStatus.choices)
