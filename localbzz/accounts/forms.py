"""Sign-in and password forms shared by the dashboard and the client portal."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from localbzz.accounts.permissions import is_staff_user


class EmailAuthenticationForm(AuthenticationForm):
    """E-mail + password on Django's sign-in form; the field keeps the name ``username``."""

    username = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class StaffAuthenticationForm(EmailAuthenticationForm):
    """The dashboard's sign-in: only agency staff get through."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match. Check them and try again.",
        "not_staff": "This sign-in is for the agency team. Clients use their own portal.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not is_staff_user(user):
            raise forms.ValidationError(self.error_messages["not_staff"], code="not_staff")
