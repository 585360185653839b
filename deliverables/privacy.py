"""Reviews a person gave. Business records: an erasure keeps them (the reviewer becomes
"Erased person"; the sweep removes the person's values from comments)."""

from localbzz.privacy import register_privacy_handler, row_dict

from .models import DeliverableReview


def register() -> None:
    register_privacy_handler(
        "deliverables.deliverablereview",
        export=lambda email, user: (
            [row_dict(r) for r in DeliverableReview.objects.filter(reviewed_by=user)]
            if user
            else []
        ),
        erase=lambda email, user, values: 0,
    )
