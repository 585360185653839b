"""``manage.py verify_audit``: walks the audit chain; exit status 1 at its first broken link."""

from django.core.management.base import BaseCommand, CommandError

from localbzz.audit.models import AuditEntry
from localbzz.audit.trail import verify


class Command(BaseCommand):
    help = "Verifies the audit trail's hash chain and reports the first broken link."

    def handle(self, *args, **options):
        broken = verify()
        if broken:
            raise CommandError(f"The audit chain is broken at {broken}.")
        self.stdout.write(f"The audit chain holds ({AuditEntry.objects.count()} entries).")
