"""Admin screen for form submissions: approve creates a Pitching client, reject asks why."""

from django import forms as django_forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from localbzz.admin import ServiceAdmin, ServiceSet, run_each

from . import services
from .models import BUSINESS_FIELDS, ApprovalStatus, FormSubmission
from .services import form_submission_approve, form_submission_reject


class RejectForm(django_forms.Form):
    reason = django_forms.CharField(
        widget=django_forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept on each submission and sent with the form_submission.rejected event.",
    )


@admin.register(FormSubmission)
class FormSubmissionAdmin(ServiceAdmin):
    services = ServiceSet.named(services, "form_submission", kwarg="submission")

    list_display = (
        "business_name",
        "contact_name",
        "email",
        "industry",
        "budget",
        "approval_status",
        "client",
        "reviewed_by",
        "created_at",
    )
    list_filter = ("approval_status", "consent_to_contact", "industry", "created_at")
    list_select_related = ("client", "reviewed_by")
    search_fields = ("business_name", "contact_name", "email", "industry", "location", "message")
    date_hierarchy = "created_at"
    readonly_fields = (
        "approval_status",
        "reviewed_by",
        "reviewed_at",
        "rejection_reason",
        "client",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        ("Contact", {"fields": ("contact_name", "email", "phone", "consent_to_contact")}),
        ("Business", {"fields": BUSINESS_FIELDS}),
        (
            "Review",
            {
                "fields": (
                    "approval_status",
                    "reviewed_by",
                    "reviewed_at",
                    "rejection_reason",
                    "client",
                    ("created_at", "updated_at"),
                )
            },
        ),
    )
    actions = ("approve_submissions", "reject_submissions")

    @admin.action(description="Approve selected submissions (creates a Pitching client each)")
    def approve_submissions(self, request, queryset):
        created = 0
        for submission in queryset:
            if submission.approval_status == ApprovalStatus.APPROVED:
                continue
            form_submission_approve(submission=submission, actor=request.user)
            created += 1
        self.message_user(
            request, f"Approved {created} submission(s); each is now a Pitching client."
        )

    @admin.action(description="Reject selected submissions…")
    def reject_submissions(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            run_each(
                self,
                request,
                queryset,
                lambda row: form_submission_reject(
                    submission=row, actor=request.user, reason=reason
                ),
                "Rejected {n} submission(s).",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject form submissions",
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "reject_submissions",
        }
        return TemplateResponse(request, "admin/forms/formsubmission/reject.html", context)
