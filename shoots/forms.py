"""Dashboard forms for shoots and their crew."""

from __future__ import annotations

from datetime import timedelta

from django import forms

from clients.models import Client
from clients.selectors import client_list
from localbzz.validators import textarea_of
from localbzz.widgets import use_fast_selects
from team.models import RoleName, TeamMember
from team.selectors import active_team_members

from .models import Shoot, ShootStatus


class ShootForm(forms.Form):
    """A shoot's own fields; the crew comes from CrewFormSet."""

    client = forms.ModelChoiceField(label="Client", queryset=Client.objects.none())
    title = forms.CharField(label="Title", max_length=200, required=False)
    shoot_start = forms.DateTimeField(
        label="Starts at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)", min_value=1, max_value=24 * 60, initial=120
    )
    status = forms.ChoiceField(label="Status", choices=ShootStatus.choices, initial="Scheduled")
    location = forms.CharField(label="Location", max_length=300, required=False)
    calendar_event_link = forms.URLField(
        label="Calendar event link", required=False, assume_scheme="https"
    )
    drive_folder_link = forms.URLField(
        label="Drive folder link", required=False, assume_scheme="https"
    )
    notes = textarea_of(Shoot, "notes", label="Notes", required=False)
    #: shown (as a checkbox) only after a save was refused for a double-booking
    allow_overlap = forms.BooleanField(
        label="Book anyway: I know about the overlap", required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = client_list(user=user).only("id", "name")
        self.overlap: list[str] = []
        use_fast_selects(self)

    def offer_overlap(self, conflicts: list[str]) -> None:
        """Shows the double-booking warning and the box that books anyway."""
        self.overlap = conflicts
        self.fields["allow_overlap"].widget = forms.CheckboxInput()

    def clean_shoot_start(self):
        value = self.cleaned_data["shoot_start"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError("Pick a date between 2000 and 2100.")
        return value

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["duration"] = timedelta(minutes=data.pop("duration_minutes"))
        return data


class CrewForm(forms.Form):
    team_member = forms.ModelChoiceField(
        label="Team member", queryset=TeamMember.objects.none(), required=False
    )
    role = forms.ChoiceField(label="Role on the shoot", choices=RoleName.choices, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_member"].queryset = active_team_members(user)
        use_fast_selects(self)


class BaseCrewFormSet(forms.BaseFormSet):
    def crew(self) -> list:
        return [
            (f.cleaned_data["team_member"], f.cleaned_data.get("role") or RoleName.CONTENT_CREATOR)
            for f in self.forms
            if f.cleaned_data.get("team_member") and not f.cleaned_data.get("DELETE")
        ]

    def clean(self):
        seen = set()
        for f in self.forms:
            member = getattr(f, "cleaned_data", {}).get("team_member")
            if member is None:
                continue
            if member.pk in seen:
                raise forms.ValidationError(f"{member} is on the crew twice.")
            seen.add(member.pk)


CrewFormSet = forms.formset_factory(CrewForm, formset=BaseCrewFormSet, extra=2, max_num=20)
