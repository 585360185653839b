"""Pages of two-factor sign-in: the code after the password, enrolment (QR code and manual
key, confirmed with a code; ten recovery codes shown once), the settings page (regenerate
codes, remove the app) and the re-authentication asked before sensitive actions."""

from __future__ import annotations

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from localbzz.accounts import mfa
from localbzz.accounts.mixins import staff_required
from localbzz.accounts.permissions import is_admin_user, is_staff_user
from localbzz.audit.trail import record
from localbzz.web import safe_next


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ReauthForm(forms.Form):
    secret = forms.CharField(
        label="Password or code",
        max_length=128,
        help_text="Your password, or a code from your authenticator app.",
        widget=forms.PasswordInput(attrs={"autofocus": True, "autocomplete": "current-password"}),
    )


def _next(request, default="/"):
    return safe_next(request, default)


def _locked_out(request, user) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.email})


def _refuse_locked(request):
    logout(request)
    return render(request, "accounts/lockout.html", status=429)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The second step of sign-in (dashboard and Django admin alike)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if mfa.pending_step(request) != "verify":
        return redirect(_next(request))
    user = request.user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _locked_out(request, user):
            return _refuse_locked(request)
        device = mfa.verify(request, user, form.cleaned_data["code"])
        if device is not None:
            mfa.mark_verified(request, device)
            record("auth.mfa_verified", actor=user, object_type="accounts.user",
                   object_id=user.pk, request=request)  # fmt: skip
            return redirect(_next(request))
        if getattr(request, "axes_locked_out", False) or _locked_out(request, user):
            return _refuse_locked(request)
        form.add_error(
            "code",
            "That code is not right (or was already used). Wait a few seconds between tries.",
        )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request, "")})


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Enrolment: scan the QR code (or type the key), confirm with a code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    if not is_staff_user(user):
        return redirect("/")
    step = mfa.pending_step(request)
    if step == "verify":
        return redirect(f"{reverse('accounts:mfa_verify')}?{urlencode({'next': _next(request)})}")
    if step is None and mfa.is_enrolled(user):
        return redirect("accounts:mfa")
    device = mfa.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.mfa_enrol(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            mfa.mark_verified(request, mfa.totp_device(user))
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next": _next(request, ""), "first_time": True},
            )
        form.add_error("code", "That code does not match. Check the phone's clock and try again.")
    context = {
        "form": form,
        "qr": mfa.qr_svg(device),
        "key": mfa.manual_key(device),
        "required": is_admin_user(user),
        "next": _next(request, ""),
    }
    return render(request, "accounts/mfa_setup.html", context)


@never_cache
@staff_required
def settings_page(request):
    """Two-factor sign-in of the signed-in staff member: status, new codes, removal."""
    user = request.user
    device = mfa.totp_device(user)
    recovery = user.recoverycodedevice_set.first() if device else None
    action = request.POST.get("action") if request.method == "POST" else None
    if action in {"regenerate", "remove"}:
        if not mfa.recently_authenticated(request):
            return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': request.path})}")
        if action == "regenerate" and device is not None:
            codes = mfa.recovery_codes_regenerate(user=user)
            return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": ""})
        if action == "remove" and device is not None:
            mfa.mfa_remove(user=user, actor=user)
            request.session[mfa.SESSION_KEY] = {
                **request.session[mfa.SESSION_KEY],
                "enrolled": False,
                "required": is_admin_user(user),
                "verified": False,
            }
            messages.success(request, "Two-factor sign-in removed.")
            return redirect("accounts:mfa")
    context = {
        "device": device,
        "codes_left": recovery.left() if recovery else 0,
        "required": is_admin_user(user),
    }
    return render(request, "accounts/mfa_settings.html", context)


@never_cache
@sensitive_post_parameters("secret")
@staff_required
def reauthenticate(request):
    """Asks again for the password (or a code) before a sensitive action."""
    user = request.user
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _locked_out(request, user):
            return _refuse_locked(request)
        secret = form.cleaned_data["secret"]
        proved = user.check_password(secret) or (
            mfa.looks_like_code(secret)
            and mfa.is_enrolled(user)
            and mfa.match_code(user, secret) is not None
        )
        if proved:
            mfa.mark_reauthenticated(request)
            record("auth.reauthenticated", actor=user, object_type="accounts.user",
                   object_id=user.pk, request=request)  # fmt: skip
            return redirect(_next(request))
        mfa.count_failure(request, user)
        if getattr(request, "axes_locked_out", False):
            return _refuse_locked(request)
        form.add_error("secret", "That is neither your password nor a current code.")
    return render(request, "accounts/reauth.html", {"form": form, "next": _next(request, "")})
