"""A staff user's own preferences: the time zone their pages show times in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from localbzz.web import call_service

from .mixins import staff_required
from .models import User
from .services import user_update
from .timezones import zone_names


class PreferencesForm(forms.Form):
    """The user's time zone; empty keeps the agency's."""

    time_zone = forms.ChoiceField(
        label="Time zone",
        required=False,
        help_text="Every date and time on your pages is shown in this zone.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency = f"The agency's: {settings.TIME_ZONE}"
        self.fields["time_zone"].choices = [("", agency), *((z, z) for z in zone_names())]


@staff_required
def preferences(request):
    """Shows and saves the signed-in user's time zone."""
    user = request.user
    form = PreferencesForm(request.POST or None, initial={"time_zone": user.time_zone})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            user_update,
            user=User.objects.get(pk=user.pk),  # the model, not the request's lazy wrapper
            actor=user,
            time_zone=form.cleaned_data["time_zone"],
        )
        if saved is not None:
            messages.success(request, "Saved: times are shown in your zone now.")
            return redirect("accounts:preferences")
    return render(
        request,
        "accounts/preferences.html",
        {
            "form": form,
            "agency_zone": settings.TIME_ZONE,
            "zone": timezone.get_current_timezone_name(),
            "now": timezone.now(),
        },
    )
