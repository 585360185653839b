"""``manage.py seed_demo [--scale N]``: a believable agency to look at, or to benchmark with.

Everything is bulk-inserted (batches of 1,000) from a seeded random generator, so the same
day and scale give the same data; ``--scale 100`` gives on the order of 100,000 deliverables.
The seeders (``demo/seeders/``, one per entity) build their rows with the apps' factories.
Running it again when the demo admin exists changes nothing and prints the logins again.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from demo.data import ADMIN_EMAIL, ADMIN_PASSWORD, CLIENT_PASSWORD, TEAM_EMAIL, TEAM_PASSWORD
from demo.seeders import seed
from localbzz.accounts.models import Role, User

SHOWN_CLIENT_LOGINS = 12


class Command(BaseCommand):
    help = "Fills the database with a believable demo agency (idempotent); --scale N for volume."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply the volume (100 → ~100k deliverables)."
        )

    def handle(self, *args, scale: int = 1, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if User.objects.filter(email__iexact=ADMIN_EMAIL).exists():
            self.stdout.write("Demo data is already loaded; nothing changed.")
            self.print_logins()
            return
        started = time.monotonic()
        try:
            with transaction.atomic():
                counts = seed(scale=scale)
        except IntegrityError as exc:
            raise CommandError(
                f"Could not load the demo data into this database ({exc}). seed_demo expects an "
                "empty database or one it filled itself."
            ) from exc
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{n:,} {label}" for label, n in counts.items())
        self.stdout.write(f"Demo data loaded in {elapsed:.1f} s (scale {scale}): {summary}.")
        self.print_logins()

    def print_logins(self) -> None:
        """Prints the demo logins and their passwords."""
        client_users = list(
            User.objects.filter(role=Role.CLIENT, email__startswith="owner@")
            .select_related("client")
            .order_by("client__name")
        )
        self.stdout.write("\nDemo logins (http://localhost:8000/accounts/login/):")
        self.stdout.write(f"  admin   {ADMIN_EMAIL:<36} password: {ADMIN_PASSWORD}")
        self.stdout.write(f"  team    {TEAM_EMAIL:<36} password: {TEAM_PASSWORD}")
        for user in client_users[:SHOWN_CLIENT_LOGINS]:
            portal = f"http://{user.client.client_portal_subdomain}.localhost:8000/"
            self.stdout.write(
                f"  client  {user.email:<36} password: {CLIENT_PASSWORD}  portal: {portal}"
            )
        if len(client_users) > SHOWN_CLIENT_LOGINS:
            self.stdout.write(
                f"  ... and {len(client_users) - SHOWN_CLIENT_LOGINS} more client users "
                "(same password)."
            )
        self.stdout.write(
            f"  Every other team member signs in as <first name>@localbzz.test "
            f"with password {TEAM_PASSWORD}."
        )
