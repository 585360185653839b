from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Backs up the database and media files with a manifest of checksums (DESIGN §10)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="where to write it (default: BACKUP_DIR)")

    def handle(self, *args, **options):
        try:
            folder = create_backup(options["dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
