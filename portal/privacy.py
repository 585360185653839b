"""Portal requests and replies a person wrote. They are the client's business records: an
erasure keeps them (the author becomes "Erased person"; the sweep removes the person's
values from their text)."""

from localbzz.privacy import register_privacy_handler, row_dict

from .models import ClientPortalRequest, PortalRequestReply


def register() -> None:
    register_privacy_handler(
        "portal.clientportalrequest",
        export=lambda email, user: (
            [row_dict(r) for r in ClientPortalRequest.objects.filter(created_by=user)]
            if user
            else []
        ),
        erase=lambda email, user, values: 0,
    )
    register_privacy_handler(
        "portal.portalrequestreply",
        export=lambda email, user: (
            [row_dict(r) for r in PortalRequestReply.objects.filter(author=user)] if user else []
        ),
        erase=lambda email, user, values: 0,
    )
