"""Comments a person wrote. Like request replies they are the client's business records: an
erasure keeps them (the author becomes "Erased person"; the sweep removes the person's
values from their text)."""

from localbzz.privacy import register_privacy_handler, row_dict

from .models import Comment


def register() -> None:
    register_privacy_handler(
        "comments.comment",
        export=lambda email, user: (
            [row_dict(c) for c in Comment.objects.filter(author=user)] if user else []
        ),
        erase=lambda email, user, values: 0,
    )
