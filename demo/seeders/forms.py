"""Website form submissions: pending, approved (each became one of the clients), rejected."""

from __future__ import annotations

from datetime import timedelta

from django.utils.text import slugify

from clients.models import Client, ClientStatus
from demo.data import NAME_FIRST, NAME_KIND, REJECT_REASONS, STREETS
from demo.seeders.base import Demo
from forms.models import FormSubmission
from forms.tests.factories import build_form_submission
from localbzz.accounts.models import User

STATUSES = ["Pending"] * 4 + ["Approved"] * 3 + ["Rejected"] * 3
BUDGETS = ["$500/month", "$1,000/month", "$2,500/month", "Unsure"]


def seed_form_submissions(
    demo: Demo, clients: list[Client], active: list[Client], admin: User
) -> list[FormSubmission]:
    rng = demo.rng
    rows = []
    convertible = [c for c in clients if c.status == ClientStatus.PITCHING]
    convertible += list(active)[: len(convertible)]
    for i, status in enumerate(STATUSES * demo.scale):
        client = convertible.pop(0) if status == "Approved" and convertible else None
        if status == "Approved" and client is None:
            status = "Pending"
        kind, industry = rng.choice(NAME_KIND)
        business = client.name if client else f"{rng.choice(NAME_FIRST)} {kind}"
        contact = client.primary_contact_name if client else demo.person()
        created = demo.now - timedelta(days=rng.randint(1, 120), hours=i % 24)
        reviewed = status != "Pending"
        submission = build_form_submission(
            contact_name=contact,
            email=f"{slugify(contact)}@{slugify(business)[:30]}.test",
            phone=f"+1 555 03{i % 100:02d}",
            business_name=business,
            website=f"https://{slugify(business)[:30]}.test",
            industry=client.industry if client else industry,
            location=f"{rng.randint(1, 400)} {rng.choice(STREETS)}",
            social_handles={"instagram": f"@{slugify(business).replace('-', '')[:20]}"},
            services_wanted=rng.sample(["Reels", "Photography", "Carousels"], 2),
            budget=rng.choice(BUDGETS),
            message="We'd love more foot traffic from Instagram. Can you help?",
            consent_to_contact=True,
            approval_status=status,
            reviewed_by_id=admin.id if reviewed else None,
            reviewed_at=created + timedelta(days=2) if reviewed else None,
            rejection_reason=REJECT_REASONS[i % 3] if status == "Rejected" else "",
            client_id=client.id if client else None,
        )
        rows.append(demo.stamp(submission, created, submission.reviewed_at))
    return demo.insert("form submissions", FormSubmission, rows)
