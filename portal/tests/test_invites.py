"""Invites: staff invite a client user; a one-time link sets the password and signs in."""

import re

import pytest
from django.core import mail

from localbzz.accounts.models import Role, User

LINK = re.compile(r"(https?://[^\s]+/set-password/[^\s]+/)")


def _link_from_mail() -> str:
    assert len(mail.outbox) == 1
    match = LINK.search(mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_staff_invite_creates_client_user_and_mails_link_on_own_subdomain(
    client, team_user, client_a
):
    client.force_login(team_user)
    response = client.post(
        f"/clients/{client_a.pk}/invite/", {"email": "New.Person@Acme.test", "full_name": "Nia"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@acme.test")
    assert (user.role, user.client, user.full_name) == (Role.CLIENT, client_a, "Nia")
    assert not user.has_usable_password()
    link = _link_from_mail()
    assert link.startswith("http://acme.localhost/set-password/")
    assert mail.outbox[0].to == ["new.person@acme.test"]
    assert "Acme Bakery" in mail.outbox[0].subject


def test_dashboard_can_reverse_invite_url_by_client_id(client_a):
    from django.urls import reverse

    assert reverse("clients:invite", args=[client_a.pk]) == f"/clients/{client_a.pk}/invite/"


def test_invite_page_renders_for_staff(client, team_user, client_a):
    client.force_login(team_user)
    page = client.get(f"/clients/{client_a.pk}/invite/")
    assert page.status_code == 200
    assert b"acme.localhost" in page.content


def test_invite_of_existing_email_is_refused(client, team_user, client_a, client_b_user):
    client.force_login(team_user)
    response = client.post(f"/clients/{client_a.pk}/invite/", {"email": client_b_user.email})
    assert response.status_code == 400
    assert b"already exists" in response.content
    client_b_user.refresh_from_db()
    assert client_b_user.client_id != client_a.pk
    assert not mail.outbox


def test_set_password_link_signs_in_and_works_only_once(client, team_user, client_a):
    client.force_login(team_user)
    client.post(f"/clients/{client_a.pk}/invite/", {"email": "nia@acme.test"})
    path = "/" + _link_from_mail().split("/", 3)[3]
    client.logout()
    # Django's PasswordResetConfirmView moves the token out of the URL, then asks.
    page = client.get(path, HTTP_HOST="acme.localhost", follow=True)
    assert page.status_code == 200
    assert b"Choose your password" in page.content
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Sunny-bakery-42!", "new_password2": "Sunny-bakery-42!"},
        HTTP_HOST="acme.localhost",
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(email="nia@acme.test")
    assert user.check_password("Sunny-bakery-42!")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/", HTTP_HOST="acme.localhost").status_code == 200
    # The second time the same link no longer works.
    client.logout()
    again = client.get(path, HTTP_HOST="acme.localhost")
    assert again.status_code == 400
    assert b"This link no longer works" in again.content
    reuse = client.post(
        path,
        {"new_password1": "Other-pass-99!", "new_password2": "Other-pass-99!"},
        HTTP_HOST="acme.localhost",
    )
    assert reuse.status_code == 400
    user.refresh_from_db()
    assert user.check_password("Sunny-bakery-42!")


def test_set_password_link_does_not_work_on_another_clients_portal(
    client, team_user, client_a, client_b
):
    client.force_login(team_user)
    client.post(f"/clients/{client_a.pk}/invite/", {"email": "nia@acme.test"})
    path = "/" + _link_from_mail().split("/", 3)[3]
    client.logout()
    page = client.get(path, HTTP_HOST="bravo.localhost")
    assert page.status_code == 400
    assert b"Choose your password" not in page.content


def test_garbage_set_password_link_is_refused(client, client_a):
    page = client.get("/set-password/not-base64/nope/", HTTP_HOST="acme.localhost")
    assert page.status_code == 400


@pytest.mark.parametrize("role", ["admin", "team"])
def test_api_invite_creates_client_user(client, client_a, role, admin_user, team_user):
    client.force_login(admin_user if role == "admin" else team_user)
    response = client.post(
        f"/api/clients/{client_a.pk}/portal-users",
        {"email": "api@acme.test", "full_name": "Api Person"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "api@acme.test"
    assert body["client_id"] == str(client_a.pk)
    assert body["role"] == "client"
    assert User.objects.get(email="api@acme.test").client == client_a
    assert "acme.localhost" in _link_from_mail()


def test_api_invite_with_trailing_slash(client, client_a, admin_user):
    client.force_login(admin_user)
    response = client.post(
        f"/api/clients/{client_a.pk}/portal-users/",
        {"email": "slash@acme.test"},
        content_type="application/json",
    )
    assert response.status_code == 201


def test_api_invite_bad_input_answers_error_body(client, client_a, admin_user):
    client.force_login(admin_user)
    response = client.post(
        f"/api/clients/{client_a.pk}/portal-users",
        {"email": "not-an-email"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "email" in str(response.json()["error"]["details"])
    assert not User.objects.filter(role=Role.CLIENT).exists()
    assert not mail.outbox


def test_api_invite_duplicate_email_answers_400(client, client_a, admin_user, client_a_user):
    client.force_login(admin_user)
    response = client.post(
        f"/api/clients/{client_a.pk}/portal-users",
        {"email": client_a_user.email.upper()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "error" in response.json()


def test_api_invite_refused_for_client_users_and_anonymous(client, client_a, client_a_user):
    path = f"/api/clients/{client_a.pk}/portal-users"
    data = {"email": "x@acme.test"}
    assert client.post(path, data, content_type="application/json").status_code == 401
    client.force_login(client_a_user)
    assert client.post(path, data, content_type="application/json").status_code == 404
    assert not User.objects.filter(email="x@acme.test").exists()


def test_api_invite_unknown_client_is_404(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/clients/00000000-0000-0000-0000-000000000000/portal-users",
        {"email": "x@acme.test"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_invite_form_partial_posts_to_invite_url(rf, client_a, team_user):
    from django.template.loader import render_to_string

    request = rf.get("/clients/")
    request.user = team_user
    html = render_to_string("clients/_invite_form.html", {"client": client_a}, request=request)
    assert f'action="/clients/{client_a.pk}/invite/"' in html
    assert 'name="email"' in html
    assert 'name="next" value="/clients/"' in html


def test_invite_form_redirects_back_to_dashboard_page(client, team_user, client_a):
    client.force_login(team_user)
    response = client.post(
        f"/clients/{client_a.pk}/invite/",
        {"email": "back@acme.test", "next": f"/clients/{client_a.pk}/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{client_a.pk}/"


def test_invite_page_is_not_served_on_a_portal_subdomain(client, team_user, client_a):
    client.force_login(team_user)
    response = client.get("/invite/", HTTP_HOST="acme.localhost")
    assert response.status_code == 404
