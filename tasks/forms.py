"""Dashboard forms for tasks and time tracking."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from clients.models import Client
from clients.selectors import client_list
from deliverables.models import Deliverable
from deliverables.selectors import deliverable_list
from localbzz.widgets import use_fast_selects
from shoots.models import Shoot
from shoots.selectors import shoot_list
from team.models import TeamMember
from team.selectors import active_team_members

from .models import TaskPriority, TaskStatus


class TaskForm(forms.Form):
    """A task's fields; links to shoot and deliverable are offered within the chosen client."""

    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(label="Status", choices=TaskStatus.choices, initial="To Do")
    priority = forms.ChoiceField(label="Priority", choices=TaskPriority.choices, initial="Medium")
    due_date = forms.DateField(
        label="Due date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    assignees = forms.ModelMultipleChoiceField(
        label="Assignees",
        required=False,
        queryset=TeamMember.objects.none(),
        widget=forms.SelectMultiple(attrs={"data-searchable": ""}),
    )
    client = forms.ModelChoiceField(label="Client", required=False, queryset=Client.objects.none())
    shoot = forms.ModelChoiceField(
        label="Shoot",
        required=False,
        queryset=Shoot.objects.none(),
        help_text="The client's shoots: they follow the client you choose.",
        widget=forms.Select(
            attrs={
                "data-depends-on": "client",
                "data-options-url": "/api/shoots?client_id={value}&page_size=200",
                "data-option-kind": "shoot",
            }
        ),
    )
    deliverable = forms.ModelChoiceField(
        label="Deliverable",
        required=False,
        queryset=Deliverable.objects.none(),
        help_text="The client's deliverables: they follow the client you choose.",
        widget=forms.Select(
            attrs={
                "data-depends-on": "client",
                "data-options-url": "/api/deliverables?client_id={value}&page_size=200",
                "data-option-kind": "deliverable",
            }
        ),
    )
    estimated_minutes = forms.IntegerField(
        label="Estimate (minutes)", required=False, min_value=0, max_value=100_000
    )

    def __init__(self, *args, user=None, client_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignees"].queryset = active_team_members(user)
        self.fields["client"].queryset = client_list(user=user).only("id", "name")
        client_id = client_id or self.data.get("client") or self.initial.get("client")
        if client_id:
            try:
                shoots = shoot_list(user=user).prefetch_related(None)
                self.fields["shoot"].queryset = shoots.filter(client_id=client_id)
                deliverables = deliverable_list(user=user)
                self.fields["deliverable"].queryset = deliverables.filter(client_id=client_id)
            except (ValueError, TypeError, ValidationError):
                pass
        use_fast_selects(self)


class TimeLogForm(forms.Form):
    """Finished time on a task."""

    started_at = forms.DateTimeField(
        label="Started at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=24 * 60)
    note = forms.CharField(label="Note", max_length=500, required=False)

    def clean_started_at(self):
        value = self.cleaned_data["started_at"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError("Pick a date between 2000 and 2100.")
        return value

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("started_at", timezone.localtime().replace(second=0))
        super().__init__(*args, **kwargs)
