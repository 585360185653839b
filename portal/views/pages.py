"""Client portal pages, on the client's subdomain or under /portal/<subdomain>/.

One base view (``PortalView``) decides, for every page, which client's portal this is and
who is looking at it: the client's own user (may act), staff "viewing as client" (read
only: every write answers 403), or nobody (asked to sign in). A client user of another
client is treated as signed out here. Rows are read through ``visible_to(viewer)`` and
then narrowed to this portal's client, so nothing of another client is ever reachable.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views import View

from clients.models import Client, ClientStatus
from clients.services import client_update
from deliverables.models import (
    Deliverable,
    DeliverableReview,
    DeliverableStatus,
    DeliverableType,
)
from deliverables.services import deliverable_review
from localbzz.accounts.models import Role, User
from localbzz.accounts.permissions import Action, allows, is_own_client_user, is_staff_user
from shoots.models import Shoot, ShootAssignment, ShootStatus

from .forms import (
    ContactForm,
    InviteForm,
    PasswordResetRequestForm,
    PortalRequestForm,
    ReplyForm,
    ReviewForm,
    SignInForm,
)
from .models import ClientPortalRequest, PortalRequestReply, RequestStatus
from .services import (
    portal_base_url,
    portal_request_create,
    portal_request_reply,
    portal_send_password_link,
    portal_user_invite,
)
from .urls_helpers import portal_reverse

NOTIFICATION_PREFERENCES_TEMPLATE = "events/_notification_preferences.html"


def _errors_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


class PortalView(View):
    """Resolves the portal's client and its viewer; asks anonymous visitors to sign in."""

    login_required = True
    template_name = ""
    nav = ""

    def dispatch(self, request, *args, subdomain: str | None = None, **kwargs):
        host_subdomain = getattr(request, "portal_subdomain", None)
        # On a portal host the host names the client; /portal/<subdomain>/ is the path form.
        self.path_subdomain = None if host_subdomain else (subdomain or "").lower()
        name = host_subdomain or self.path_subdomain or ""
        self.client = (
            Client.objects.exclude(status=ClientStatus.INACTIVE)
            .filter(client_portal_subdomain=name)
            .first()
        )
        if self.client is None:
            return render(request, "portal/unavailable.html", {"subdomain": name}, status=404)
        user = request.user
        if is_own_client_user(user, self.client):
            self.mode = "client"
        elif is_staff_user(user):
            self.mode = "staff"
        else:
            self.mode = None
        self.viewer = user if self.mode else None
        if self.login_required and self.mode is None:
            nxt = quote(request.get_full_path(), safe="/")
            return HttpResponseRedirect(f"{self.url('sign_in')}?next={nxt}")
        return super().dispatch(request, *args, **kwargs)

    # --- helpers ---------------------------------------------------------------------------
    def url(self, name: str, **kwargs) -> str:
        return portal_reverse(self.path_subdomain, name, **kwargs)

    def require_client(self) -> None:
        """Writes are for the client's own users; staff viewing as client are refused."""
        if self.mode != "client":
            raise PermissionDenied("Viewing as client is read-only.")

    def base_context(self) -> dict:
        return {
            "client": self.client,
            "portal_path_subdomain": self.path_subdomain,
            "viewer": self.viewer,
            "is_client_viewer": self.mode == "client",
            "is_staff_viewer": self.mode == "staff",
            "nav": self.nav,
        }

    def render(self, context: dict | None = None, *, template: str | None = None, status=200):
        return render(
            self.request,
            template or self.template_name,
            {**self.base_context(), **(context or {})},
            status=status,
        )

    # --- scoped querysets (visible_to first, then this portal's client) ---------------------
    def deliverables(self):
        return Deliverable.objects.visible_to(self.viewer).filter(client=self.client)

    def shoots(self):
        crew = ShootAssignment.objects.select_related("team_member").order_by("team_member__name")
        return (
            Shoot.objects.visible_to(self.viewer)
            .filter(client=self.client)
            .prefetch_related(Prefetch("assignments", queryset=crew))
        )

    def portal_requests(self):
        return ClientPortalRequest.objects.visible_to(self.viewer).filter(client=self.client)

    def get_deliverable(self, pk):
        deliverable = self.deliverables().select_related("shoot").filter(pk=pk).first()
        if deliverable is None:
            raise Http404("No such deliverable.")
        return deliverable

    def get_portal_request(self, pk):
        portal_request = self.portal_requests().select_related("created_by").filter(pk=pk).first()
        if portal_request is None:
            raise Http404("No such request.")
        return portal_request


# --- Sign in, sign out, passwords ---------------------------------------------------------
class SignInView(PortalView):
    login_required = False
    template_name = "portal/sign_in.html"

    def _next(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return self.url("home")

    def get(self, request):
        if self.mode == "client":
            return HttpResponseRedirect(self._next())
        return self.render({"form": SignInForm(), "next": self._next()})

    def post(self, request):
        form = SignInForm(request.POST)
        if form.is_valid():
            user = authenticate(
                request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
            if getattr(request, "axes_locked_out", False):
                # django-axes locked this e-mail out: answer with the portal's own page (in
                # the client's branding) instead of the dashboard's lock-out template.
                request.axes_locked_out = False
                return self.render(template="portal/locked_out.html", status=429)
            belongs = user is not None and (
                is_own_client_user(user, self.client) or is_staff_user(user)
            )
            if belongs:
                login(request, user, backend="localbzz.accounts.backends.EmailBackend")
                return HttpResponseRedirect(self._next())
            form.add_error(None, "That e-mail and password do not match an account of this portal.")
        return self.render({"form": form, "next": self._next()}, status=400)


class SignOutView(PortalView):
    login_required = False
    http_method_names = ["post"]

    def post(self, request):
        logout(request)
        return HttpResponseRedirect(self.url("sign_in"))


class PasswordResetView(PortalView):
    """Sends a one-time set-password link to a user of this portal's client."""

    login_required = False
    template_name = "portal/password_reset.html"

    def get(self, request):
        return self.render({"form": PasswordResetRequestForm()})

    def post(self, request):
        form = PasswordResetRequestForm(request.POST)
        if not form.is_valid():
            return self.render({"form": form}, status=400)
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"],
            role=Role.CLIENT,
            client=self.client,
            is_active=True,
        ).first()
        if user is not None:
            portal_send_password_link(
                user=user, base_url=portal_base_url(self.client, request), template="reset"
            )
        # The same answer whether or not the address is known: no account enumeration.
        return self.render({"sent": True})


class SetPasswordView(PortalView):
    """The page an invite or reset link lands on; the link works once."""

    login_required = False
    template_name = "portal/set_password.html"

    def _user(self, uidb64: str, token: str):
        try:
            pk = uuid.UUID(force_str(urlsafe_base64_decode(uidb64)))
        except (ValueError, TypeError, OverflowError):
            return None
        user = User.objects.filter(
            pk=pk, role=Role.CLIENT, client=self.client, is_active=True
        ).first()
        if user is None or not default_token_generator.check_token(user, token):
            return None
        return user

    def get(self, request, uidb64, token):
        user = self._user(uidb64, token)
        if user is None:
            return self.render({"valid_link": False}, status=400)
        return self.render({"valid_link": True, "form": SetPasswordForm(user), "target": user})

    def post(self, request, uidb64, token):
        user = self._user(uidb64, token)
        if user is None:
            return self.render({"valid_link": False}, status=400)
        form = SetPasswordForm(user, request.POST)
        if not form.is_valid():
            return self.render({"valid_link": True, "form": form, "target": user}, status=400)
        form.save()
        login(request, user, backend="localbzz.accounts.backends.EmailBackend")
        messages.success(request, "Your password is set. Welcome to your portal!")
        return HttpResponseRedirect(self.url("home"))


# --- Pages --------------------------------------------------------------------------------
class HomeView(PortalView):
    nav = "home"
    template_name = "portal/home.html"

    def get(self, request):
        now = timezone.now()
        today = timezone.localdate()
        month_start = today.replace(day=1)
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        counts = self.deliverables().aggregate(
            **{
                kind: Count(
                    "pk",
                    filter=Q(
                        deliverable_type=kind_type,
                        due_date__gte=month_start,
                        due_date__lt=next_month,
                    ),
                )
                for kind, kind_type in (
                    ("reels", DeliverableType.REEL),
                    ("photos", DeliverableType.PHOTO),
                    ("carousels", DeliverableType.CAROUSEL),
                )
            }
        )
        plan = [
            ("Reels", counts["reels"], self.client.default_reels),
            ("Photos", counts["photos"], self.client.default_photos),
            ("Carousels", counts["carousels"], self.client.default_carousels),
        ]
        context = {
            "next_shoots": list(
                self.shoots()
                .filter(
                    shoot_end__gte=now,
                    status__in=[ShootStatus.SCHEDULED, ShootStatus.POSTPONED],
                )
                .order_by("shoot_start")[:3]
            ),
            "to_review": list(
                self.deliverables()
                .filter(status=DeliverableStatus.NEEDS_REVIEW)
                .order_by("due_date", "title")[:6]
            ),
            "recently_delivered": list(
                self.deliverables()
                .filter(status=DeliverableStatus.DELIVERED)
                .order_by("-status_changed_at", "-updated_at")[:6]
            ),
            "open_requests": list(
                self.portal_requests()
                .exclude(status=RequestStatus.DONE)
                .order_by("-created_at")[:5]
            ),
            "plan": [
                {
                    "label": label,
                    "done": done,
                    "target": target,
                    "percent": min(100, 5 * round(20 * done / target)) if target else 0,
                }
                for label, done, target in plan
            ],
            "month": month_start,
        }
        return self.render(context)


class DeliverableListView(PortalView):
    nav = "deliverables"
    template_name = "portal/deliverables.html"

    def get(self, request):
        qs = self.deliverables().order_by("-due_date", "title")
        kind = request.GET.get("type", "")
        status = request.GET.get("status", "")
        if kind in DeliverableType.values:
            qs = qs.filter(deliverable_type=kind)
        else:
            kind = ""
        if status in DeliverableStatus.values:
            qs = qs.filter(status=status)
        else:
            status = ""
        return self.render(
            {
                "deliverables": list(qs[:200]),
                "types": DeliverableType.values,
                "statuses": DeliverableStatus.values,
                "current_type": kind,
                "current_status": status,
            }
        )


class DeliverableDetailView(PortalView):
    nav = "deliverables"
    template_name = "portal/deliverable_detail.html"

    def context(self, deliverable, form=None) -> dict:
        reviews = DeliverableReview.objects.filter(deliverable=deliverable).select_related(
            "reviewed_by"
        )
        return {
            "deliverable": deliverable,
            "reviews": list(reviews),
            "form": form or ReviewForm(),
            "can_review": allows(self.viewer, Action.REVIEW, deliverable),
        }

    def get(self, request, pk):
        return self.render(self.context(self.get_deliverable(pk)))


class DeliverableReviewView(DeliverableDetailView):
    http_method_names = ["post"]

    def post(self, request, pk):
        self.require_client()
        deliverable = self.get_deliverable(pk)
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                deliverable_review(
                    deliverable=deliverable,
                    actor=self.viewer,
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                for message in _errors_of(exc):
                    form.add_error(None, message)
            else:
                approved = form.cleaned_data["decision"] == "Approved"
                messages.success(
                    request,
                    f"Approved “{deliverable.title}”: it is ready to post."
                    if approved
                    else f"Thanks! We will rework “{deliverable.title}”.",
                )
                return HttpResponseRedirect(self.url("deliverable", pk=deliverable.pk))
        deliverable.refresh_from_db()
        return self.render(self.context(deliverable, form), status=400)


class ShootListView(PortalView):
    nav = "shoots"
    template_name = "portal/shoots.html"

    def get(self, request):
        now = timezone.now()
        shoots = self.shoots()
        return self.render(
            {
                "upcoming": list(shoots.filter(shoot_end__gte=now).order_by("shoot_start")[:50]),
                "past": list(shoots.filter(shoot_end__lt=now).order_by("-shoot_start")[:50]),
            }
        )


class RequestListView(PortalView):
    nav = "requests"
    template_name = "portal/requests.html"

    def context(self, form=None) -> dict:
        requests = self.portal_requests().annotate(reply_count=Count("replies"))
        return {"requests": list(requests[:200]), "form": form or PortalRequestForm()}

    def get(self, request):
        return self.render(self.context())

    def post(self, request):
        self.require_client()
        form = PortalRequestForm(request.POST)
        if form.is_valid():
            try:
                created = portal_request_create(
                    actor=self.viewer, client=self.client, **form.cleaned_data
                )
            except ValidationError as exc:
                for message in _errors_of(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, f"Thanks! Your {created.request_type.lower()} is in.")
                return HttpResponseRedirect(self.url("request", pk=created.pk))
        return self.render(self.context(form), status=400)


class RequestDetailView(PortalView):
    nav = "requests"
    template_name = "portal/request_detail.html"

    def context(self, portal_request, form=None) -> dict:
        replies = PortalRequestReply.objects.filter(request=portal_request).select_related("author")
        return {
            "portal_request": portal_request,
            "replies": list(replies),
            "form": form or ReplyForm(),
        }

    def get(self, request, pk):
        return self.render(self.context(self.get_portal_request(pk)))

    def post(self, request, pk):
        self.require_client()
        portal_request = self.get_portal_request(pk)
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                portal_request_reply(
                    portal_request=portal_request,
                    author=self.viewer,
                    body=form.cleaned_data["body"],
                )
            except ValidationError as exc:
                for message in _errors_of(exc):
                    form.add_error(None, message)
            else:
                return HttpResponseRedirect(self.url("request", pk=portal_request.pk))
        return self.render(self.context(portal_request, form), status=400)


class AccountView(PortalView):
    nav = "account"
    """Contact details (editable by the client), password change, notification settings."""

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
        if form.is_valid():
            try:
                client_update(client=self.client, actor=self.viewer, **form.cleaned_data)
            except ValidationError as exc:
                for message in _errors_of(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, "Your contact details are saved.")
                return HttpResponseRedirect(self.url("account"))
        return self.render(self.context(contact_form=form), status=400)


# --- Staff: invite a client user (dashboard side, path form only) -----------------------
class InviteView(View):
    """Staff invite a person to a client's portal; reached as ``{% url 'portal:invite' pk %}``.

    The URL is ``/portal/<client id>/invite/`` (the client's subdomain works too).
    """

    template_name = "portal/invite.html"

    def dispatch(self, request, *args, subdomain: str = "", **kwargs):
        if getattr(request, "portal_subdomain", None) or not is_staff_user(request.user):
            raise Http404("Not found.")
        clients = Client.objects.visible_to(request.user, "change")
        try:
            self.client = clients.filter(pk=uuid.UUID(subdomain)).first()
        except ValueError:
            self.client = clients.filter(client_portal_subdomain=subdomain.lower()).first()
        if self.client is None:
            raise Http404("No such client.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"client": self.client, "form": InviteForm()})

    def post(self, request):
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                user = portal_user_invite(
                    client=self.client,
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                    actor=request.user,
                    base_url=portal_base_url(self.client, request),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"Invitation sent to {user.email}.")
                back = request.POST.get("next", "")
                if back and url_has_allowed_host_and_scheme(
                    back, allowed_hosts={request.get_host()}
                ):
                    return HttpResponseRedirect(back)
                return HttpResponseRedirect(request.path)
        return render(
            request, self.template_name, {"client": self.client, "form": form}, status=400
        )
