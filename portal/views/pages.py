"""Portal pages: home, deliverables (and the client's review), shoots, requests."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils import timezone

from deliverables.models import DeliverableReview, DeliverableStatus, DeliverableType
from deliverables.services import deliverable_review
from localbzz.accounts.permissions import Action, allows
from localbzz.web import call_service
from shoots.models import ShootStatus

from ..forms import PortalRequestForm, ReplyForm, ReviewForm
from ..models import PortalRequestReply, RequestStatus
from ..services import portal_request_create, portal_request_reply
from .base import PortalView


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
            created = call_service(
                form,
                portal_request_create,
                actor=self.viewer,
                client=self.client,
                **form.cleaned_data,
            )
            if created is not None:
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
