"""The restore drill: seed, back up, drop, restore, compare row counts, rows and files.

Runs on the embedded SQLite always, and on PostgreSQL (pg_dump / pg_restore) in CI's
services stage, where DATABASE_URL points there.
"""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from clients.models import Client
from clients.tests.factories import make_client
from deliverables.models import Deliverable
from deliverables.tests.factories import make_deliverable
from ops import backup
from shoots.models import Shoot
from shoots.tests.factories import make_shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.MEDIA_ROOT


def seed():
    clients = [make_client(name=f"Drill Client {n}", email=f"c{n}@x.test") for n in range(3)]
    for client in clients:
        shoot = make_shoot(client=client)
        make_deliverable(client=client, shoot=shoot)
    name = default_storage.save("attachments/drill/reel.bin", ContentFile(b"\x00reel-bytes" * 100))
    return name


def sample():
    return sorted(Client.objects.values_list("pk", "name", "email", "status"), key=str), sorted(
        Deliverable.objects.values_list("pk", "title", "status", "due_date"), key=str
    )


def test_restore_drill(media):
    name = seed()
    counts, rows = backup.row_counts(), sample()
    folder = backup.create_backup()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["row_counts"] == counts
    assert set(manifest["files"]) == {
        "database.dump" if manifest["database"] == "postgresql" else "database.sqlite3",
        "media.tar.gz",
    }
    # drop: the rows and the files are gone
    Client.objects.all().delete()
    default_storage.delete(name)
    assert not Shoot.objects.exists()
    assert not (media / name).exists()

    assert backup.restore_backup(folder) == {}
    assert backup.row_counts() == counts
    assert sample() == rows
    assert (media / name).read_bytes() == b"\x00reel-bytes" * 100


def test_a_changed_backup_file_is_refused_before_anything_is_restored(media):
    seed()
    folder = backup.create_backup()
    Client.objects.filter(name="Drill Client 0").delete()
    database = next(folder.glob("database.*"))
    database.write_bytes(database.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(backup.BackupError, match="checksum"):
        backup.restore_backup(folder)
    assert not Client.objects.filter(name="Drill Client 0").exists()  # nothing restored


def test_the_commands_back_up_and_restore(media, capsys):
    seed()
    call_command("backup")
    folder = next((media.parent / "backups").glob("localbzz-*"))
    Deliverable.objects.all().delete()
    with pytest.raises(CommandError, match="Nothing restored"):
        _restore_declined(folder)
    assert not Deliverable.objects.exists()
    call_command("restore", str(folder), "--yes")
    assert Deliverable.objects.count() == 3
    assert "row count matches" in capsys.readouterr().out


def _restore_declined(folder):
    from unittest import mock

    with mock.patch("builtins.input", return_value="n"):
        call_command("restore", str(folder))


def test_retention_keeps_the_newest_backups(media, settings):
    settings.BACKUP_RETENTION = 2
    made = [backup.create_backup() for _ in range(3)]
    kept = sorted((media.parent / "backups").glob("localbzz-*"))
    assert kept == made[1:]


def test_a_backup_of_files_in_a_bucket_archives_no_media(media, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    folder = backup.create_backup()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert "media.tar.gz" not in manifest["files"]
    assert manifest["media"].startswith("in the bucket")
