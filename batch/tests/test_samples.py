"""The sample files of docs/samples/ (README "Batch") import as they are, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import import_file

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
ORDER = [
    ("clients", "clients.csv", 2),
    ("team-members", "team-members.csv", 2),
    ("shoots", "shoots.csv", 2),
    ("deliverables", "deliverables.csv", 3),
    ("tasks", "tasks.csv", 2),
    ("form-submissions", "form-submissions.json", 1),
]


def test_the_samples_import_and_a_second_import_changes_nothing(admin_user):
    for collection, name, rows in ORDER:
        content = (SAMPLES / name).read_bytes()
        response = import_file(admin_user, collection, content, name=name)
        assert response.status_code == 200, (name, response.json())
        assert response.json()["totals"]["created"] == rows, name
    # a client row whose subdomain exists updates that client: here, nothing changes
    body = import_file(admin_user, "clients", (SAMPLES / "clients.csv").read_bytes()).json()
    assert body["totals"]["unchanged"] == 2
