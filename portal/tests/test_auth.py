"""Portal sign-in, sign-out, password reset and the account page."""

import re

from django.core import mail

from clients.models import Client
from localbzz.events.models import Event


def test_client_user_signs_in_on_own_portal(client, client_a_user, password):
    response = client.post(
        "/sign-in/",
        {"username": "OWNER@acme.test", "password": password, "next": "/requests/"},
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code == 302
    assert response["Location"] == "/requests/"
    assert client.session["_auth_user_id"] == str(client_a_user.pk)


def test_sign_in_ignores_offsite_next(client, client_a_user, password):
    response = client.post(
        "/sign-in/",
        {"username": client_a_user.email, "password": password, "next": "https://evil.test/"},
        HTTP_HOST="acme.localhost",
    )
    assert response["Location"] == "/"


def test_wrong_password_is_refused(client, client_a_user):
    response = client.post(
        "/sign-in/",
        {"username": client_a_user.email, "password": "nope"},
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_out_even_the_right_password(client, client_a_user, password):
    for _ in range(5):
        client.post(
            "/sign-in/",
            {"username": client_a_user.email, "password": "wrong"},
            HTTP_HOST="acme.localhost",
        )
    response = client.post(
        "/sign-in/",
        {"username": client_a_user.email, "password": password},
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_sign_out_is_post_only_and_ends_session(acme):
    assert acme.get("/sign-out/").status_code == 405
    response = acme.post("/sign-out/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"
    assert acme.get("/").status_code == 302


def test_password_reset_mails_one_time_link_for_own_user_only(client, client_a_user, client_b):
    page = client.post(
        "/password-reset/", {"email": client_a_user.email}, HTTP_HOST="acme.localhost"
    )
    assert page.status_code == 200
    assert len(mail.outbox) == 1
    assert re.search(r"http://acme\.localhost:8000/set-password/\S+/\S+/", mail.outbox[0].body)
    # The same address on another client's portal: same answer, no mail.
    other = client.post(
        "/password-reset/", {"email": client_a_user.email}, HTTP_HOST="bravo.localhost"
    )
    assert other.status_code == 200
    assert other.content.count(b"If that address belongs") == 1
    assert len(mail.outbox) == 1


def test_client_edits_contact_details(acme, client_a, client_a_user):
    response = acme.post(
        "/account/",
        {
            "action": "contact",
            "primary_contact_name": "Ana Baker",
            "email": "ana@acme.test",
            "phone": "+1 555 0100",
            "preferred_contact_method": "Phone",
        },
    )
    assert response.status_code == 302
    client_a.refresh_from_db()
    assert (client_a.primary_contact_name, client_a.email, client_a.preferred_contact_method) == (
        "Ana Baker",
        "ana@acme.test",
        "Phone",
    )
    assert Event.objects.filter(type="client.updated", object_id=str(client_a.pk)).exists()


def test_contact_form_cannot_change_other_client_fields(acme, client_a):
    acme.post(
        "/account/",
        {
            "action": "contact",
            "primary_contact_name": "Ana",
            "email": "",
            "phone": "",
            "preferred_contact_method": "Email",
            "status": "Inactive",
            "client_portal_subdomain": "hijack",
            "default_reels": "99",
        },
    )
    client_a.refresh_from_db()
    assert client_a.status == "Active"
    assert client_a.client_portal_subdomain == "acme"
    assert client_a.default_reels == 4
    assert not Client.objects.filter(client_portal_subdomain="hijack").exists()


def test_client_changes_password_and_stays_signed_in(acme, client_a_user, password):
    response = acme.post(
        "/account/",
        {
            "action": "password",
            "old_password": password,
            "new_password1": "Brand-new-pass-77",
            "new_password2": "Brand-new-pass-77",
        },
    )
    assert response.status_code == 302
    client_a_user.refresh_from_db()
    assert client_a_user.check_password("Brand-new-pass-77")
    assert acme.get("/account/").status_code == 200


def test_wrong_old_password_is_refused(acme, client_a_user, password):
    response = acme.post(
        "/account/",
        {
            "action": "password",
            "old_password": "nope",
            "new_password1": "Brand-new-pass-77",
            "new_password2": "Brand-new-pass-77",
        },
    )
    assert response.status_code == 400
    client_a_user.refresh_from_db()
    assert client_a_user.check_password(password)


def test_failures_for_other_accounts_do_not_lock_a_real_account_out_of_the_portal(
    client_a_user, password
):
    """Failures count per account and address (issue 9 item 1), on the portal too."""
    from django.test import Client as Browser

    from localbzz.testing import fresh_ip

    browser = Browser(REMOTE_ADDR=fresh_ip())
    for n in range(20):
        refused = browser.post(
            "/sign-in/",
            {"username": f"nobody{n}@acme.test", "password": "wrong"},
            HTTP_HOST="acme.localhost",
        )
        assert refused.status_code == 400
    response = browser.post(
        "/sign-in/",
        {"username": client_a_user.email, "password": password},
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code == 302
    assert browser.session["_auth_user_id"] == str(client_a_user.pk)
