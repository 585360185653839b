"""POST /api/users: the client and team member ids are checked against rows that exist."""

import uuid

import pytest

from localbzz.accounts.models import User
from localbzz.testing import api_client
from team.tests.factories import make_team_member

SECRET = "Plenty-of-entropy-here-99"


@pytest.mark.parametrize(("role", "field"), [("client", "client"), ("team", "team_member")])
def test_an_unknown_client_or_team_member_is_a_400_and_nothing_is_written(admin_user, role, field):
    body = {"email": "who@x.test", "password": SECRET, "role": role, field: str(uuid.uuid4())}
    response = api_client(admin_user).post("/api/users", body, format="json")
    assert response.status_code == 400, response.content
    assert f"{field}_id" in response.json()["error"]["details"]
    assert not User.objects.filter(email="who@x.test").exists()


def test_a_team_user_is_linked_to_its_team_member(admin_user):
    member = make_team_member()
    body = {"email": "m@x.test", "password": SECRET, "role": "team", "team_member": str(member.pk)}
    response = api_client(admin_user).post("/api/users", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["team_member"] == str(member.pk)
    assert User.objects.get(email="m@x.test").team_member == member
