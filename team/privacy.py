"""What a team member row holds about a person: name, e-mail, phone.

Erasure keeps the member (crew of past shoots, assignee of deliverables) as "Erased person".
"""

from localbzz.privacy import ERASED_NAME, erased_email, register_privacy_handler, row_dict

from .models import TeamMember


def _rows(email):
    return TeamMember.objects.filter(email__iexact=email)


def _erase(email, user, values) -> int:
    n = 0
    for pk in _rows(email).values_list("pk", flat=True):
        TeamMember.objects.filter(pk=pk).update(name=ERASED_NAME, email=erased_email(pk), phone="")
        n += 1
    return n


def register() -> None:
    register_privacy_handler(
        "team.teammember",
        export=lambda email, user: [row_dict(m) for m in _rows(email)],
        identifiers=lambda email, user: [
            v for row in _rows(email).values_list("name", "phone") for v in row
        ],
        erase=_erase,
    )
