"""Portal pages: home, deliverables (and the client's review), shoots, requests, privacy."""

from __future__ import annotations

import json

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import pluralize

from deliverables.filtersets import DeliverableFilterSet
from deliverables.models import REVIEW_FIRST, DeliverableStatus
from deliverables.selectors import (
    deliverable_reviews,
    month_start,
    plan_progress,
    with_pictures,
)
from deliverables.services import deliverable_review
from localbzz.accounts.permissions import Action, allows
from localbzz.audit.trail import record, record_read
from localbzz.form_files import takes_files
from localbzz.privacy import export_person
from localbzz.web import call_service, filter_rows
from shoots.filtersets import ShootFilterSet

from ..filtersets import PortalRequestFilterSet
from ..forms import PortalRequestForm, ReplyForm, ReviewForm
from ..models import RequestPriority, RequestStatus, RequestType
from ..selectors import portal_request_replies, portal_request_threads
from ..services import portal_request_create, portal_request_reply
from .base import PortalView


class HomeView(PortalView):
    nav = "home"
    template_name = "portal/home.html"

    def get(self, request):
        deliverables = self.deliverables()
        context = {
            "next_shoots": list(self.shoots().not_over().planned().order_by("shoot_start")[:3]),
            "to_review": list(
                deliverables.filter(status=DeliverableStatus.NEEDS_REVIEW).order_by(
                    "due_date", "title"
                )[:6]
            ),
            "recently_delivered": list(
                deliverables.filter(status=DeliverableStatus.DELIVERED).order_by(
                    "-status_changed_at", "-updated_at"
                )[:6]
            ),
            "open_requests": list(
                self.portal_requests()
                .exclude(status=RequestStatus.DONE)
                .order_by("-created_at")[:5]
            ),
            "plan": plan_progress(user=self.viewer, client=self.client),
            "month": month_start(),
        }
        return self.render(context)


class DeliverableListView(PortalView):
    """The client's content, filtered by the deliverable list's FilterSet (as the API is)."""

    nav = "deliverables"
    template_name = "portal/deliverables.html"

    def get(self, request):
        filterset, rows = filter_rows(request, DeliverableFilterSet, self.deliverables())
        return self.render(
            {
                "deliverables": list(with_pictures(rows).order_by(*REVIEW_FIRST)[:200]),
                "filter_form": filterset.form,
            }
        )


class DeliverableDetailView(PortalView):
    nav = "deliverables"
    template_name = "portal/deliverable_detail.html"

    def context(self, deliverable, form=None) -> dict:
        reviews = deliverable_reviews(deliverable)
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
            review = call_service(
                form,
                deliverable_review,
                deliverable=deliverable,
                actor=self.viewer,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
            )
            if review is not None:
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
        _, shoots = filter_rows(request, ShootFilterSet, self.shoots())
        return self.render(
            {
                "upcoming": list(shoots.not_over().order_by("shoot_start")[:50]),
                "past": list(
                    shoots.exclude(pk__in=shoots.not_over()).order_by("-shoot_start")[:50]
                ),
            }
        )


class RequestListView(PortalView):
    nav = "requests"
    template_name = "portal/requests.html"

    def context(self, form=None) -> dict:
        threads = portal_request_threads(user=self.viewer, client=self.client)
        _, requests = filter_rows(self.request, PortalRequestFilterSet, threads)
        return {
            "requests": list(requests[:200]),
            "form": form or PortalRequestForm(),
            "takes_files": takes_files(),
        }

    def get(self, request):
        return self.render(self.context())

    def post(self, request):
        self.require_client()
        form = PortalRequestForm(request.POST)
        if form.is_valid():
            created = call_service(
                form,
                portal_request_create,
                actor=self.viewer,
                client=self.client,
                files=request.FILES.getlist("files"),
                **form.cleaned_data,
            )
            if created is not None:
                sent = created.attachments_count
                with_files = f" with {sent} file{pluralize(sent)}" if sent else ""
                kind = created.request_type.lower()
                messages.success(request, f"Thanks! Your {kind} is in{with_files}.")
                if request.headers.get("X-Requested-With") == "XMLHttpRequest":
                    # the form's upload script: it opens the page (and shows the message)
                    return JsonResponse({"location": self.url("request", pk=created.pk)})
                return HttpResponseRedirect(self.url("request", pk=created.pk))
        return self.render(self.context(form), status=400)


class RequestDetailView(PortalView):
    nav = "requests"
    template_name = "portal/request_detail.html"

    def context(self, portal_request, form=None) -> dict:
        replies = portal_request_replies(portal_request)
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
            reply = call_service(
                form,
                portal_request_reply,
                portal_request=portal_request,
                author=self.viewer,
                body=form.cleaned_data["body"],
            )
            if reply is not None:
                return HttpResponseRedirect(self.url("request", pk=portal_request.pk))
        return self.render(self.context(portal_request, form), status=400)


# --- privacy ------------------------------------------------------------------------------------
_SECTION_NAMES = {
    "accounts.user": "Your sign-in account",
    "audit": "Log entries about your account (sign-ins, changes you made)",
    "clients.client": "Contact details of your business",
    "events.notification": "Notifications sent to you",
}


def _section_name(label: str) -> str:
    if label in _SECTION_NAMES:
        return _SECTION_NAMES[label]
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural).capitalize()
    except (LookupError, ValueError):
        return label


class PrivacyView(PortalView):
    """The signed-in person's data: what is held (by kind, with counts), the whole of it as a
    JSON download (audited as a privacy export), and a request for erasure, which reaches the
    agency as a portal request (staff erase with the privacy page or ``/api/privacy/erase``)."""

    nav = "account"
    template_name = "portal/privacy.html"

    def context(self) -> dict:
        sections = []
        if self.mode == "client":
            bundle = export_person(self.viewer.email)
            sections = [(_section_name(k), len(v)) for k, v in bundle["data"].items()]
        return {"sections": sections, "consent_text": settings.FORM_CONSENT_TEXT}

    def get(self, request):
        return self.render(self.context())

    def post(self, request):
        self.require_client()
        action = request.POST.get("action")
        if action == "download":
            bundle = export_person(self.viewer.email)
            counts = {k: len(v) for k, v in bundle["data"].items()}
            detail = {"email": bundle["email"], "sections": counts, "self": True}
            record_read("privacy.exported", request=request, object_type="accounts.user",
                        object_id=self.viewer.pk, detail=detail)  # fmt: skip
            response = HttpResponse(
                json.dumps(bundle, cls=DjangoJSONEncoder, indent=2),
                content_type="application/json",
            )
            response["Content-Disposition"] = 'attachment; filename="my-data.json"'
            response["Cache-Control"] = "no-store"
            return response
        if action == "erase":
            if request.POST.get("confirm") != "yes":
                messages.error(request, "Tick the box to confirm that you want your data erased.")
                return self.render(self.context(), status=400)
            created = portal_request_create(
                actor=self.viewer,
                client=self.client,
                request_type=RequestType.REQUEST,
                priority=RequestPriority.URGENT,
                content=(
                    "Erasure request (GDPR): please erase the personal data of "
                    f"{self.viewer.email}. Sent from the portal's privacy page."
                ),
            )
            record("privacy.erasure_requested", actor=self.viewer, object_type="accounts.user",
                   object_id=self.viewer.pk, request=request,
                   detail={"portal_request": str(created.pk)})  # fmt: skip
            messages.success(
                request,
                "Your erasure request is in. We will confirm within 30 days; you can follow it "
                "here.",
            )
            return HttpResponseRedirect(self.url("request", pk=created.pk))
        return self.render(self.context(), status=400)
