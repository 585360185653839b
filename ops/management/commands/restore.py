from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup folder written by `manage.py backup`: checks its checksums, replaces "
        "the database and media files, then compares row counts with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="do not ask: the current data is replaced"
        )

    def handle(self, *args, **options):
        if not options["yes"] and input("Replace the current database and files? [y/N] ") != "y":
            raise CommandError("Nothing restored.")
        try:
            differences = restore_backup(options["folder"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if differences:
            lines = [f"{table}: expected {a}, found {b}" for table, (a, b) in differences.items()]
            raise CommandError("Restored, but row counts differ:\n" + "\n".join(lines))
        self.stdout.write(f"Restored {options['folder']}: every table's row count matches.")
