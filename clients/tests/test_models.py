"""Client rules: the portal subdomain and the content plan counts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clients.models import Client
from clients.services import client_create
from clients.tests.factories import make_client

pytestmark = pytest.mark.django_db


def _client(**kw):
    kw.setdefault("name", "Acme Bakery")
    kw.setdefault("client_portal_subdomain", "acme")
    return Client(**kw)


@pytest.mark.parametrize(
    "subdomain", ["Acme_Bakery", "-acme", "acme-", "acme.bakery", "a" * 64, "acme bakery", "ünï"]
)
def test_subdomain_must_be_a_lower_case_dns_label(subdomain):
    with pytest.raises(ValidationError) as exc:
        _client(client_portal_subdomain=subdomain).full_clean(validate_unique=False)
    assert "client_portal_subdomain" in exc.value.message_dict


@pytest.mark.parametrize("subdomain", ["www", "api", "admin", "portal", "static", "media"])
def test_reserved_subdomains_are_refused(subdomain):
    with pytest.raises(ValidationError) as exc:
        _client(client_portal_subdomain=subdomain).full_clean(validate_unique=False)
    assert "reserved" in str(exc.value)


@pytest.mark.parametrize("subdomain", ["acme", "a", "joes-pizza-2", "x" * 63])
def test_valid_subdomains_pass(subdomain):
    _client(client_portal_subdomain=subdomain).full_clean(validate_unique=False)


def test_subdomain_is_unique():
    make_client(client_portal_subdomain="acme")
    with pytest.raises(ValidationError):
        client_create(name="Other Acme", client_portal_subdomain="acme")
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.create(name="Other Acme", client_portal_subdomain="acme")


def test_service_normalises_upper_case_subdomain():
    client = client_create(name="Acme Bakery", client_portal_subdomain="  ACME-Bakery ")
    assert client.client_portal_subdomain == "acme-bakery"
    with pytest.raises(ValidationError):
        client_create(name="Clash", client_portal_subdomain="Acme-Bakery")


@pytest.mark.parametrize("field", ["default_reels", "default_photos", "default_carousels"])
def test_negative_content_counts_are_refused_by_the_database(field):
    client = make_client()
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.filter(pk=client.pk).update(**{field: -1})


def test_services_and_platforms_must_be_lists_of_names():
    with pytest.raises(ValidationError):
        _client(services="Reels").full_clean(validate_unique=False)
