"""Dashboard forms for clients."""

from __future__ import annotations

from django import forms

from .models import CONTENT_PLAN_FIELDS, Client


class ListField(forms.CharField):
    """A comma-separated list of names, as a list of strings."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        return [part.strip() for part in (value or "").split(",") if part.strip()]


class ClientForm(forms.ModelForm):
    """Create or edit a client; the service validates and saves."""

    services = ListField(label="Services", required=False, help_text="Comma separated.")
    platforms = ListField(label="Platforms", required=False, help_text="Comma separated.")

    class Meta:
        model = Client
        fields = [
            "name",
            "status",
            "primary_contact_name",
            "email",
            "phone",
            "preferred_contact_method",
            "client_portal_subdomain",
            *CONTENT_PLAN_FIELDS,
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        # Model validation (uniqueness included) runs in the service; its errors map back here.
        pass
