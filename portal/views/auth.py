"""Portal sign-in, sign-out, password reset, set password and the account page.

Django's auth views and forms do the work; the portal adds its client (``PortalMixin``),
its templates, and its answers: 400 for a form with errors, the portal's own lock-out page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponseRedirect
from django.template import TemplateDoesNotExist
from django.template.loader import select_template

from clients.models import Client
from clients.services import client_update
from localbzz.accounts.reset_limits import ResetLimitMixin
from localbzz.web import call_service, safe_next

from ..forms import ContactForm, PasswordResetRequestForm, SignInForm
from .base import PortalMixin, PortalView

NOTIFICATION_PREFERENCES_TEMPLATE = "events/_notification_preferences.html"
EMAIL_BACKEND = "localbzz.accounts.backends.EmailBackend"


class PortalFormStatusMixin:
    """A form page answers 400 when the submitted form has errors (Django's views say 200)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignInView(PortalMixin, PortalFormStatusMixin, auth_views.LoginView):
    """Django's ``LoginView`` for this portal: its own users and agency staff sign in."""

    login_required = False
    template_name = "portal/sign_in.html"
    authentication_form = SignInForm

    def get(self, request, *args, **kwargs):
        if self.mode == "client":
            return HttpResponseRedirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": self.client}

    def get_success_url(self):
        return safe_next(self.request, self.url("home"))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": self.get_success_url()}

    def form_invalid(self, form):
        if getattr(self.request, "axes_locked_out", False):
            # django-axes locked this account out: answer with the portal's own page (in the
            # client's branding) instead of the dashboard's lock-out template.
            self.request.axes_locked_out = False
            return self.render(template="portal/locked_out.html", status=429)
        return super().form_invalid(form)


class SignOutView(PortalMixin, auth_views.LogoutView):
    login_required = False

    def get_default_redirect_url(self):
        return self.url("sign_in")

    def get_success_url(self):
        return self.url("sign_in")


class PasswordResetView(
    PortalMixin, ResetLimitMixin, PortalFormStatusMixin, auth_views.PasswordResetView
):
    """Sends a one-time set-password link to a user of this portal's client.

    The link is on the portal's canonical address (never the request's Host); requests are
    limited per address (429) and per account (silently, same answer).
    """

    login_required = False
    template_name = "portal/password_reset.html"
    form_class = PasswordResetRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": self.client}

    def reset_done(self):
        # The same answer whether or not the address is known: no account enumeration.
        return self.render({"sent": True})

    def form_valid(self, form):
        refused = self.refuse_reset(form)
        if refused is None:
            form.save()
        return refused or self.reset_done()


class SetPasswordView(PortalMixin, PortalFormStatusMixin, auth_views.PasswordResetConfirmView):
    """Django's ``PasswordResetConfirmView``: where an invite or reset link lands; works once."""

    login_required = False
    template_name = "portal/set_password.html"
    reset_url_token = "set-password"
    post_reset_login = True
    post_reset_login_backend = EMAIL_BACKEND

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or not (user.client_id == self.client.pk and user.is_active):
            return None
        return user

    def get_success_url(self):
        return self.url("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is set. Welcome to your portal!")
        return response

    def render_to_response(self, context, **kwargs):
        if not self.validlink:
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)


class AccountView(PortalView):
    """Contact details (editable by the client), password change, notification settings."""

    nav = "account"
    template_name = "portal/account.html"

    def context(self, contact_form=None, password_form=None) -> dict:
        try:
            preferences = select_template([NOTIFICATION_PREFERENCES_TEMPLATE]).template.name
        except TemplateDoesNotExist:
            preferences = None
        return {
            "contact_form": contact_form or ContactForm(instance=self.client),
            "password_form": password_form
            or (self.password_form() if self.mode == "client" else None),
            "notification_preferences_template": preferences,
        }

    def password_form(self, data=None) -> PasswordChangeForm:
        form = PasswordChangeForm(self.viewer, data)
        form.fields["old_password"].widget.attrs.pop("autofocus", None)
        return form

    def get(self, request):
        return self.render(self.context())

    def post(self, request):
        self.require_client()
        if request.POST.get("action") == "password":
            form = self.password_form(request.POST)
            if form.is_valid():
                form.save()
                update_session_auth_hash(request, form.user)
                messages.success(request, "Your password is changed.")
                return HttpResponseRedirect(self.url("account"))
            return self.render(self.context(password_form=form), status=400)
        form = ContactForm(request.POST, instance=Client.objects.get(pk=self.client.pk))
        if form.is_valid() and call_service(
            form, client_update, client=self.client, actor=self.viewer, **form.cleaned_data
        ):
            messages.success(request, "Your contact details are saved.")
            return HttpResponseRedirect(self.url("account"))
        return self.render(self.context(contact_form=form), status=400)
