"""What a client record holds about a person: its primary contact (name, e-mail, phone).

Erasure blanks the contact; the client (a business) and its work stay.
"""

from localbzz.privacy import register_privacy_handler

from .models import Client

CONTACT = ("id", "name", "primary_contact_name", "email", "phone")


def _rows(email):
    return Client.objects.filter(email__iexact=email)


def register() -> None:
    register_privacy_handler(
        "clients.client",
        export=lambda email, user: list(_rows(email).values(*CONTACT)),
        identifiers=lambda email, user: [
            v for row in _rows(email).values_list("primary_contact_name", "phone") for v in row
        ],
        erase=lambda email, user, values: _rows(email).update(
            primary_contact_name="", email="", email_hash="", phone=""
        ),
    )
