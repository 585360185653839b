"""Telling the admins that Drive refused the service account (once per day, not per job)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail

from localbzz.accounts.permissions import admin_users

logger = logging.getLogger("localbzz.files")
_KEY = "files:drive:credential-problem"
REPORT_EVERY = 24 * 3600


def report_credential_problem(problem: str) -> bool:
    """E-mails every admin (at most once a day) and keeps the problem for the pages to show.
    True when a report went out."""
    logger.error("Google Drive refused the service account: %s", problem)
    if not cache.add(_KEY, problem, REPORT_EVERY):
        return False
    recipients = list(admin_users().values_list("email", flat=True))
    if recipients:
        send_mail(
            subject="[LocalBzz] Google Drive refused the service account",
            message=(
                "Google Drive refused LocalBzz's credential, so shoot folders are not being "
                f"created or listed.\n\n{problem}\n\nCheck the service account key named by "
                f"GOOGLE_SERVICE_ACCOUNT_FILE ({settings.GOOGLE_SERVICE_ACCOUNT_FILE}) and that "
                "the root folder is shared with the service account."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
            fail_silently=True,
        )
    return True


def credential_problem() -> str | None:
    """The last refusal reported (for the pages), or None."""
    return cache.get(_KEY)


def credential_ok() -> None:
    cache.delete(_KEY)
