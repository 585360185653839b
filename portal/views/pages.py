"""Portal pages: home, deliverables (and the client's review), shoots, requests."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
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
from localbzz.form_files import takes_files
from localbzz.web import call_service, filter_rows
from shoots.filtersets import ShootFilterSet

from ..filtersets import PortalRequestFilterSet
from ..forms import PortalRequestForm, ReplyForm, ReviewForm
from ..models import RequestStatus
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
