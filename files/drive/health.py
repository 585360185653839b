"""Telling the admins that Drive refused the service account: once per outage, not per job.

An outage starts with the first refusal and ends with the next Drive request that succeeds
(``credential_ok``). Its first refusal notifies every admin in the app
(``NotificationKind.DRIVE_DISCONNECTED``, e-mailed too unless an admin turned that off);
later refusals of the same outage only log. The open outage is a cache entry without expiry
(shared by every worker when the cache is Redis), which the pages read to say Drive is
refusing the key.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from localbzz.accounts.permissions import admin_users
from localbzz.events.models import NotificationKind
from localbzz.events.notifications import Message, deliver

logger = logging.getLogger("localbzz.files")
_KEY = "files:drive:credential-problem"
TITLE = "Google Drive refused the service account"


def report_credential_problem(problem: str) -> bool:
    """Notifies every admin when this refusal opens an outage; True when it did."""
    logger.error("Google Drive refused the service account: %s", problem)
    if not cache.add(_KEY, problem, timeout=None):
        return False  # this outage was reported already
    body = (
        "Google Drive refused LocalBzz's credential, so shoot folders are not being created "
        f"or listed.\n\n{problem}\n\nCheck the service account key named by "
        f"GOOGLE_SERVICE_ACCOUNT_FILE ({settings.GOOGLE_SERVICE_ACCOUNT_FILE}) and that the "
        "root folder is shared with the service account. You hear of it again only after "
        "Drive has worked in between."
    )
    message = Message(NotificationKind.DRIVE_DISCONNECTED, TITLE, body, reverse("shoots:list"))
    deliver(message, list(admin_users()))
    return True


def credential_problem() -> str | None:
    """The refusal of the open outage (for the pages), or None."""
    return cache.get(_KEY)


def credential_ok() -> None:
    """Drive answered: the outage, if any, is over (a later refusal is reported again)."""
    cache.delete(_KEY)
