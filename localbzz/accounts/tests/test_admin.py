"""The user admin: an email-login add form with the password twice."""

import pytest
from django.urls import reverse

from localbzz.accounts.models import Role, User
from team.tests.factories import make_team_member


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _add(admin_client, **fields):
    data = {"full_name": "", "client": "", "team_member": "", **fields}
    return admin_client.post(reverse("admin:accounts_user_add"), data)


@pytest.mark.django_db
def test_admin_adds_team_user_with_hashed_password(admin_client):
    member = make_team_member()
    response = _add(
        admin_client,
        email="New.Editor@LocalBzz.test",
        role=Role.TEAM,
        team_member=member.pk,
        password1="a-long-pass-phrase-42",
        password2="a-long-pass-phrase-42",
    )
    assert response.status_code == 302, response.content[:3000]
    user = User.objects.get(email="new.editor@localbzz.test")
    assert user.team_member == member
    assert user.check_password("a-long-pass-phrase-42")
    assert user.password != "a-long-pass-phrase-42"


@pytest.mark.django_db
def test_admin_add_refuses_mismatched_passwords(admin_client):
    response = _add(
        admin_client,
        email="x@localbzz.test",
        role=Role.TEAM,
        password1="a-long-pass-phrase-42",
        password2="another-pass-phrase-43",
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@localbzz.test").exists()


@pytest.mark.django_db
def test_admin_add_refuses_client_user_without_client(admin_client):
    response = _add(
        admin_client,
        email="owner@nowhere.test",
        role=Role.CLIENT,
        password1="a-long-pass-phrase-42",
        password2="a-long-pass-phrase-42",
    )
    assert response.status_code == 200
    assert b"must belong to a client" in response.content
    assert not User.objects.filter(email="owner@nowhere.test").exists()


@pytest.mark.django_db
def test_admin_add_refuses_email_differing_only_in_case(admin_client, admin_user):
    response = _add(
        admin_client,
        email=admin_user.email.upper(),
        role=Role.TEAM,
        password1="a-long-pass-phrase-42",
        password2="a-long-pass-phrase-42",
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=admin_user.email).count() == 1
