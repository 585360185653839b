"""Form submissions for tests and the demo: ``build_form_submission``, ``make_form_submission``."""

from __future__ import annotations

from forms.models import FormSubmission
from localbzz.testing import sequence


def build_form_submission(**kw) -> FormSubmission:
    """An unsaved, valid submission from a prospect who consented to be contacted."""
    n = sequence()
    kw.setdefault("contact_name", f"Prospect {n}")
    kw.setdefault("email", f"prospect{n}@example.com")
    kw.setdefault("business_name", f"Prospect Business {n}")
    kw.setdefault("consent_to_contact", True)
    return FormSubmission(**kw)


def make_form_submission(**kw) -> FormSubmission:
    submission = build_form_submission(**kw)
    submission.save(force_insert=True)
    return submission
