"""Dashboard forms for the team pages."""

from __future__ import annotations

from django import forms

from .models import RoleName


class TeamFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name or email"}),
    )
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Any role"), *RoleName.choices]
    )
    active = forms.ChoiceField(
        label="Active",
        required=False,
        choices=[("", "Active members"), ("all", "Everyone"), ("inactive", "Inactive")],
    )
