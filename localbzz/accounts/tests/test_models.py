"""The user model: email login, roles and their links, password hashing."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from clients.tests.factories import make_client
from localbzz import settings as production_settings
from localbzz.accounts.models import Role, User
from localbzz.accounts.tests.factories import make_user


@pytest.mark.django_db
def test_email_login_is_case_insensitive(password):
    make_user(Role.TEAM, email="Maya@LocalBzz.test")
    assert User.objects.get().email == "maya@localbzz.test"
    request = RequestFactory().post("/accounts/login/")
    user = authenticate(request, username="MAYA@localbzz.TEST", password=password)
    assert user is not None
    assert user.email == "maya@localbzz.test"
    assert authenticate(request, username="maya@localbzz.test", password="wrong") is None


@pytest.mark.django_db
def test_email_is_unique_regardless_of_case():
    make_user(Role.TEAM, email="sam@localbzz.test")
    with pytest.raises(ValidationError):
        make_user(Role.TEAM, email="SAM@localbzz.test")
    # and in the database too, for writes that skip validation
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="Sam@localbzz.test", role=Role.ADMIN)])


@pytest.mark.django_db
def test_client_user_must_have_a_client():
    with pytest.raises(ValidationError) as exc:
        User.objects.create_user(email="x@client.test", password="pw", role=Role.CLIENT)
    assert "client" in exc.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="y@client.test", role=Role.CLIENT)])


@pytest.mark.django_db
def test_only_client_users_belong_to_a_client():
    with pytest.raises(ValidationError):
        User.objects.create_user(
            email="t@localbzz.test", password="pw", role=Role.TEAM, client=make_client()
        )


@pytest.mark.django_db
def test_client_user_cannot_be_staff():
    with pytest.raises(ValidationError):
        User.objects.create_user(
            email="c@client.test",
            password="pw",
            role=Role.CLIENT,
            client=make_client(),
            is_staff=True,
        )


def test_production_settings_hash_passwords_with_argon2():
    assert production_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


@pytest.mark.django_db
def test_argon2_hash_verifies(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = User.objects.create_user(email="argon@localbzz.test", password="s3cret-enough")
    assert user.password.startswith("argon2$")
    assert user.check_password("s3cret-enough")
