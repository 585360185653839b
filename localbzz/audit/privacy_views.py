"""The privacy page (admins): download a person's data, erase it after a confirmation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from localbzz.accounts.mixins import staff_required
from localbzz.accounts.reauth import confirm_redirect
from localbzz.privacy import erase_person

from .privacy_api import personal_data_download


class PersonForm(forms.Form):
    email = forms.EmailField(label="The person's e-mail", max_length=254)


class EraseForm(PersonForm):
    confirm_email = forms.EmailField(label="Type the e-mail again", max_length=254)
    confirm = forms.BooleanField(
        label="I understand: the person's data is anonymised everywhere and cannot be restored."
    )

    def clean(self):
        data = super().clean()
        one, two = data.get("email"), data.get("confirm_email")
        if one and two and one.strip().lower() != two.strip().lower():
            self.add_error("confirm_email", "The two e-mail addresses differ.")
        return data


@staff_required(admin_only=True)
def privacy_page(request):
    """GET: the forms; POST action=export: the JSON download; POST action=erase: erasure."""
    export_form = PersonForm(prefix="export")
    erase_form = EraseForm(prefix="erase")
    if request.method == "POST":
        asked = confirm_redirect(request)  # a recent password (or code) first
        if asked is not None:
            return asked
    if request.method == "POST" and request.POST.get("action") == "export":
        export_form = PersonForm(request.POST, prefix="export")
        if export_form.is_valid():
            return personal_data_download(export_form.cleaned_data["email"], request)
    elif request.method == "POST" and request.POST.get("action") == "erase":
        erase_form = EraseForm(request.POST, prefix="erase")
        if erase_form.is_valid():
            result = erase_person(erase_form.cleaned_data["email"], actor=request.user)
            total = sum(result["counts"].values())
            messages.success(
                request, f"Erased: {total} rows anonymised (audit entry #{result['audit_entry']})."
            )
            return redirect(request.path)
    return render(
        request, "audit/privacy.html", {"export_form": export_form, "erase_form": erase_form}
    )
