"""The attachment API: upload, list, metadata, download, delete, and who may do each."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from deliverables.tests.factories import make_deliverable
from files.models import Attachment
from files.storage import storage
from files.tests.factories import PDF, jpeg_bytes, make_attachment, upload
from localbzz.events.models import Event
from localbzz.testing import api_client
from portal.tests.factories import make_portal_request
from shoots.tests.factories import make_shoot
from tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


def _url(kind: str, owner) -> str:
    return reverse(f"api:{kind}-attachments", kwargs={"pk": owner.pk})


def _post(api, url, name="photo.jpg", data=None, **extra):
    data = jpeg_bytes() if data is None else data
    return api.post(url, {"file": upload(name, data), **extra}, format="multipart")


def test_team_uploads_to_a_deliverable_and_gets_the_representation(team_user, client_a):
    deliverable = make_deliverable(client_a)
    data = jpeg_bytes()
    response = _post(api_client(team_user), _url("deliverable", deliverable), note="Cut 1")
    assert response.status_code == 201, response.content
    body = response.json()
    attachment = Attachment.objects.get()
    assert set(body) >= {
        "id",
        "name",
        "size",
        "content_type",
        "sha256",
        "uploaded_by",
        "created_at",
        "download_url",
    }
    assert body["id"] == str(attachment.pk)
    assert body["name"] == "photo.jpg"
    assert body["size"] == len(data)
    assert body["content_type"] == "image/jpeg"
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["uploaded_by"] == str(team_user.pk)
    assert body["note"] == "Cut 1"
    assert body["download_url"].endswith(f"/api/attachments/{attachment.pk}/download")
    assert response["Location"] == f"/api/attachments/{attachment.pk}"
    assert attachment.key.startswith("attachments/")
    assert "photo" not in attachment.key
    assert storage().exists(attachment.key)


def test_download_streams_the_bytes_as_an_attachment(team_user, client_a):
    deliverable = make_deliverable(client_a)
    attachment = make_attachment(deliverable, data=PDF, name="brief.pdf")
    response = api_client(team_user).get(reverse("api:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="brief.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_new_files_of_a_deliverable_are_versions_newest_first(team_user, client_a):
    deliverable = make_deliverable(client_a)
    first = make_attachment(deliverable, name="cut.jpg")
    second = make_attachment(deliverable, name="cut.jpg")
    body = api_client(team_user).get(_url("deliverable", deliverable)).json()
    assert [r["id"] for r in body["results"]] == [str(second.pk), str(first.pk)]
    assert [r["version"] for r in body["results"]] == [2, 1]
    assert body["count"] == 2


def test_list_runs_the_same_queries_for_one_file_or_many(
    team_user, client_a, django_assert_num_queries
):
    deliverable = make_deliverable(client_a)
    make_attachment(deliverable)
    api = api_client(team_user)
    url = _url("deliverable", deliverable)
    with django_assert_num_queries(2):  # the owner, then the page with its total
        assert api.get(url).json()["count"] == 1
    for _ in range(4):
        make_attachment(deliverable)
    with django_assert_num_queries(2):
        assert api.get(url).json()["count"] == 5


def test_client_reads_its_own_deliverables_files_not_another_clients(
    client_a, client_b, client_a_user, client_b_user
):
    attachment = make_attachment(make_deliverable(client_a))
    own = api_client(client_a_user)
    other = api_client(client_b_user)
    download = reverse("api:attachment-download", args=[attachment.pk])
    detail = reverse("api:attachment-detail", args=[attachment.pk])
    assert own.get(download).status_code == 200
    assert own.get(detail).status_code == 200
    assert other.get(download).status_code == 404
    assert other.get(detail).status_code == 404
    assert other.get(_url("deliverable", attachment.deliverable)).status_code == 404


def test_client_may_not_upload_to_or_delete_from_its_deliverable(client_a, client_a_user):
    deliverable = make_deliverable(client_a)
    attachment = make_attachment(deliverable)
    api = api_client(client_a_user)
    assert _post(api, _url("deliverable", deliverable)).status_code == 403
    assert api.delete(reverse("api:attachment-detail", args=[attachment.pk])).status_code == 403
    assert Attachment.objects.count() == 1


def test_client_uploads_to_its_own_request_only(client_a, client_b, client_a_user):
    own = make_portal_request(client_a)
    other = make_portal_request(client_b)
    api = api_client(client_a_user)
    assert _post(api, _url("portal-request", own)).status_code == 201
    assert _post(api, _url("portal-request", other)).status_code == 404
    assert Attachment.objects.get().portal_request == own


def test_client_sees_no_files_of_its_shoots_or_any_task(client_a, client_a_user, admin_user):
    shoot = make_shoot(client_a)
    task = make_task(client=client_a)
    shoot_file = make_attachment(shoot)
    task_file = make_attachment(task)
    api = api_client(client_a_user)
    assert api.get(_url("shoot", shoot)).status_code == 403  # the shoot is its own, the files not
    assert api.get(_url("task", task)).status_code == 404
    for attachment in (shoot_file, task_file):
        assert api.get(reverse("api:attachment-download", args=[attachment.pk])).status_code == 404


def test_delete_removes_the_row_and_the_bytes_after_commit(
    team_user, client_a, django_capture_on_commit_callbacks
):
    attachment = make_attachment(make_shoot(client_a))
    key = attachment.key
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(team_user).delete(
            reverse("api:attachment-detail", args=[attachment.pk])
        )
    assert response.status_code == 204
    assert not Attachment.objects.exists()
    assert not storage().exists(key)
    assert Event.objects.filter(type="attachment.deleted", object_id=str(attachment.pk)).exists()


def test_upload_emits_attachment_created_visible_to_the_deliverables_client(team_user, client_a):
    deliverable = make_deliverable(client_a)
    _post(api_client(team_user), _url("deliverable", deliverable))
    event = Event.objects.get(type="attachment.created")
    assert event.client_id == client_a.pk
    assert event.client_visible
    assert event.data["object"]["name"] == "photo.jpg"


def test_shoot_files_are_not_announced_to_the_client(team_user, client_a):
    _post(api_client(team_user), _url("shoot", make_shoot(client_a)))
    event = Event.objects.get(type="attachment.created")
    assert not event.client_visible


def test_deleting_the_owner_deletes_its_files_from_storage(
    client_a, django_capture_on_commit_callbacks
):
    deliverable = make_deliverable(client_a)
    keys = [make_attachment(deliverable).key for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        deliverable.delete()
    assert not Attachment.objects.exists()
    assert not any(storage().exists(k) for k in keys)


def test_json_body_is_415_and_missing_file_is_400(team_user, client_a):
    api = api_client(team_user)
    url = _url("task", make_task(client=client_a))
    assert api.post(url, {"note": "x"}, format="json").status_code == 415
    response = api.post(url, {"note": "x"}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["error"]["details"]
