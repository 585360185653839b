"""``manage.py seed_demo [--scale N]``: a believable agency to look at, or to benchmark with.

Everything is bulk-inserted (batches of 1,000) from a seeded random generator, so the same
day and scale give the same data; ``--scale 100`` gives on the order of 100,000 deliverables.
The rows follow the model rules (shoot_end = start + duration, a deliverable's client is its
shoot's client, completed_at only on Completed tasks, no running timers); no outbox Event
rows are written for demo data. Running it again when the demo admin exists changes nothing
and prints the logins again.
"""

from __future__ import annotations

import random
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

from clients.models import Client, ClientStatus, ContactMethod, ShootFrequency
from deliverables.models import (
    Deliverable,
    DeliverableReview,
    DeliverableStatus,
    DeliverableType,
    ReviewDecision,
)
from forms.models import FormSubmission
from localbzz.accounts.models import Role, User
from portal.models import (
    ClientPortalRequest,
    PortalRequestReply,
    RequestPriority,
    RequestStatus,
    RequestTopic,
    RequestType,
)
from shoots.models import Shoot, ShootAssignment, ShootStatus
from tasks.models import Task, TaskPriority, TaskStatus, TimeEntry
from team.models import RoleName, TeamMember, TeamRole

ADMIN_EMAIL = "admin@localbzz.test"
ADMIN_PASSWORD = "localbzz-admin"
TEAM_EMAIL = "team@localbzz.test"
TEAM_PASSWORD = "localbzz-team"
CLIENT_PASSWORD = "localbzz-client"
BATCH = 1000
SEED = 20240601

# name, subdomain, status, industry, contact, frequency
CLIENTS = [
    ("Acme Bakery", "acme", "Active", "Bakery", "Rosa Alvarez", "Monthly"),
    ("Bluebird Coffee Roasters", "bluebird", "Active", "Café", "Dan Whitfield", "Monthly"),
    ("Harbor Street Barbers", "harbor-barbers", "Active", "Barber", "Kofi Mensah", "Monthly"),
    ("Golden Fork Bistro", "golden-fork", "Active", "Restaurant", "Elena Rossi", "Monthly"),
    ("Riverside Yoga Studio", "riverside-yoga", "Active", "Fitness", "Hannah Lee", "Quarterly"),
    ("Maple & Main Boutique", "maple-main", "Active", "Retail", "Grace Park", "Monthly"),
    ("Summit Climbing Gym", "summit-climbing", "Active", "Fitness", "Owen Brooks", "Per Project"),
    ("Pawsome Pet Grooming", "pawsome", "Active", "Pet care", "Nina Patel", "Ad Hoc"),
    ("Lighthouse Dental", "lighthouse-dental", "Inactive", "Health", "Dr. Paul Grant", "Quarterly"),
    ("Copper Kettle Brewery", "copper-kettle", "Inactive", "Brewery", "Liam Doyle", "Monthly"),
    ("Fern & Bloom Florist", "fern-bloom", "Pitching", "Florist", "Ivy Sullivan", "Per Project"),
    ("Northside Auto Detailing", "northside-auto", "Pitching", "Automotive", "Ray Ortiz", "Ad Hoc"),
]
NAME_FIRST = [
    "Sunny", "Oak", "Cedar", "Blue", "Red", "Corner", "Village", "Urban", "Golden", "Silver",
    "Lakeside", "Hilltop", "Old Town", "Market", "Willow", "Stone", "River", "Main Street",
]  # fmt: skip
NAME_KIND = [
    ("Bakery", "Bakery"), ("Café", "Café"), ("Barbers", "Barber"), ("Bistro", "Restaurant"),
    ("Yoga", "Fitness"), ("Boutique", "Retail"), ("Florist", "Florist"), ("Dental", "Health"),
    ("Brewing Co.", "Brewery"), ("Pet Spa", "Pet care"), ("Pizzeria", "Restaurant"),
    ("Auto Care", "Automotive"), ("Bookshop", "Retail"), ("Salon", "Beauty"),
]  # fmt: skip
TEAM = [
    ("Maya Chen", ["Content Creator", "Scheduler"]),
    ("Jordan Reyes", ["Editor"]),
    ("Priya Natarajan", ["Editor", "Content Creator"]),
    ("Sam O'Connor", ["Content Creator"]),
    ("Lena Fischer", ["Scheduler"]),
    ("Marcus Bell", ["Editor"]),
    ("Aisha Karim", ["Content Creator", "Editor"]),
    ("Tom Whitaker", ["Scheduler", "Content Creator"]),
]
FIRST = ["Alex", "Robin", "Casey", "Jamie", "Morgan", "Taylor", "Riley", "Avery", "Quinn", "Drew"]
LAST = ["Nguyen", "Smith", "Garcia", "Kowalski", "Haddad", "Olsen", "Moreau", "Tanaka", "Silva"]
STREETS = ["Main St", "Harbor Rd", "Elm Ave", "Market Sq", "Mill Ln", "Bridge St", "Park Ave"]
TOPICS = [
    "Behind the scenes", "Customer testimonial", "Product close-up", "Meet the team",
    "Weekend special", "Before & after", "How it's made", "Studio tour", "Seasonal menu",
    "Staff pick", "Grand opening recap", "Day in the life", "Top 3 tips", "New arrivals",
]  # fmt: skip
PORTAL_ASKS = [
    "We have a tasting event on Saturday. Could you post a story about it?",
    "Please use the new logo from now on; it is in the shared folder.",
    "Can we move next month's shoot to a weekday morning?",
    "Our summer hours start next week: 7am to 3pm. Please mention it in a post.",
    "Customers loved the last reel. More of that style, please!",
    "We are launching a loyalty card. Could we plan content around it?",
    "Can you send the raw photos from the last shoot?",
    "Insight: Tuesday posts get twice the engagement of Friday ones for us.",
    "A local paper featured us this week; worth a carousel?",
    "Please avoid showing the back kitchen in videos.",
]
REPLIES_STAFF = [
    "Thanks! We're on it and will share a draft by Thursday.",
    "Done: it's scheduled for tomorrow at 9am.",
    "Good idea. We'll add it to the plan for the next shoot.",
]
REPLIES_CLIENT = ["Perfect, thank you!", "Great, looking forward to it.", "Could it go out sooner?"]
REJECT_REASONS = [
    "Outside our service area.",
    "Budget too small for a monthly plan; suggested our starter pack.",
    "Duplicate of an earlier enquiry.",
]
TASK_KINDS = [
    ("Prep shot list for {c}", TaskPriority.MEDIUM, 60),
    ("Edit reels from {c} shoot", TaskPriority.HIGH, 240),
    ("Schedule posts for {c}", TaskPriority.MEDIUM, 45),
    ("Colour-grade photos for {c}", TaskPriority.LOW, 120),
]


@contextmanager
def own_timestamps(*model_classes: type[models.Model]):
    """Lets bulk inserts keep the created_at / updated_at we give them (months of history)."""
    fields = [
        f
        for m in model_classes
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


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
            with transaction.atomic(), own_timestamps(*MODELS):
                counts = Seeder(scale=scale).run()
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
        for user in client_users[:12]:
            portal = f"http://{user.client.client_portal_subdomain}.localhost:8000/"
            self.stdout.write(
                f"  client  {user.email:<36} password: {CLIENT_PASSWORD}  portal: {portal}"
            )
        if len(client_users) > 12:
            self.stdout.write(
                f"  ... and {len(client_users) - 12} more client users (same password)."
            )
        self.stdout.write(
            f"  Every other team member signs in as <first name>@localbzz.test "
            f"with password {TEAM_PASSWORD}."
        )


MODELS = (
    User,
    Client,
    TeamMember,
    Shoot,
    Deliverable,
    DeliverableReview,
    Task,
    TimeEntry,
    FormSubmission,
    ClientPortalRequest,
    PortalRequestReply,
)


class Seeder:
    """Builds the demo rows in memory and bulk-inserts them."""

    def __init__(self, *, scale: int) -> None:
        self.scale = scale
        self.rng = random.Random(SEED + scale)
        today = date.today()
        self.now = datetime(today.year, today.month, today.day, 8, tzinfo=UTC)
        self.counts: dict[str, int] = {}

    # --- helpers ---------------------------------------------------------------------------
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def stamp(self, obj, created: datetime, updated: datetime | None = None):
        obj.id = self.uuid()
        obj.created_at = min(created, self.now)
        obj.updated_at = min(max(updated or created, obj.created_at), self.now)
        return obj

    def insert(self, label: str, model: type[models.Model], rows: list) -> list:
        model.objects.bulk_create(rows, batch_size=BATCH)
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        return rows

    def drive_link(self) -> str:
        return f"https://drive.google.com/file/d/{self.rng.getrandbits(64):016x}/view"

    # --- the agency ------------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        self.team_members()
        self.clients()
        self.users()
        self.shoots()
        self.deliverables()
        self.tasks()
        self.form_submissions()
        self.portal_requests()
        return self.counts

    def team_members(self) -> None:
        roles = {name: TeamRole.objects.get_or_create(name=name)[0] for name in RoleName.values}
        people = list(TEAM)
        for _i in range(1, self.scale):
            for _ in range(len(TEAM)):
                name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
                people.append((name, self.rng.sample(RoleName.values, self.rng.randint(1, 2))))
        self.members: list[TeamMember] = []
        links = []
        for n, (name, role_names) in enumerate(people):
            first = slugify(name.split()[0])
            email = f"{first}@localbzz.test" if n < len(TEAM) else f"{first}.{n}@localbzz.test"
            member = TeamMember(
                name=name,
                email=email,
                phone=f"+1 555 01{n % 100:02d}",
                is_active=n % 23 != 22,
            )
            self.stamp(member, self.now - timedelta(days=400 - n % 200))
            member.role_list = role_names
            self.members.append(member)
            links += [
                TeamMember.roles.through(teammember_id=member.id, teamrole_id=roles[r].id)
                for r in role_names
            ]
        self.insert("team members", TeamMember, self.members)
        TeamMember.roles.through.objects.bulk_create(links, batch_size=BATCH)
        self.editors = [m for m in self.members if "Editor" in m.role_list] or self.members
        self.creators = [m for m in self.members if "Content Creator" in m.role_list]

    def clients(self) -> None:
        rows = [dict(zip(("name", "sub", "status", "industry", "contact", "freq"), c, strict=True))
                for c in CLIENTS]  # fmt: skip
        for i in range(len(CLIENTS) * (self.scale - 1)):
            kind, industry = self.rng.choice(NAME_KIND)
            name = f"{self.rng.choice(NAME_FIRST)} {kind}"
            status = self.rng.choices(ClientStatus.values, weights=[6, 2, 2])[0]
            rows.append(
                {
                    "name": f"{name} #{i + 2}",
                    "sub": f"{slugify(name)}-{i + 2}",
                    "status": status,
                    "industry": industry,
                    "contact": f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}",
                    "freq": self.rng.choice(ShootFrequency.values),
                }
            )
        self.client_rows: list[Client] = []
        for n, row in enumerate(rows):
            client = Client(
                name=row["name"],
                status=row["status"],
                primary_contact_name=row["contact"],
                email=f"hello@{row['sub']}.test",
                phone=f"+1 555 02{n % 100:02d}",
                client_portal_subdomain=row["sub"],
                shoot_frequency=row["freq"],
                default_reels=self.rng.randint(2, 6),
                default_photos=self.rng.randint(3, 8),
                default_carousels=self.rng.randint(0, 3),
                services=self.rng.sample(["Reels", "Photography", "Carousels", "Captions"], 3),
                platforms=self.rng.sample(["Instagram", "TikTok", "Facebook", "LinkedIn"], 2),
                preferred_contact_method=self.rng.choice(ContactMethod.values),
                notes=f"{row['industry']} business. Prefers natural light and a warm tone.",
            )
            client.industry = row["industry"]
            self.stamp(client, self.now - timedelta(days=self.rng.randint(100, 700)))
            self.client_rows.append(client)
        self.insert("clients", Client, self.client_rows)
        self.active = [c for c in self.client_rows if c.status == ClientStatus.ACTIVE]

    def users(self) -> None:
        admin_hash = make_password(ADMIN_PASSWORD)
        team_hash = make_password(TEAM_PASSWORD)
        client_hash = make_password(CLIENT_PASSWORD)
        joined = self.now - timedelta(days=365)
        users = [
            User(
                email=ADMIN_EMAIL,
                full_name="Demo Admin",
                role=Role.ADMIN,
                is_staff=True,
                is_superuser=True,
                password=admin_hash,
                date_joined=joined,
            )
        ]
        self.member_user: dict[uuid.UUID, User] = {}
        for n, member in enumerate(self.members):
            user = User(
                email=TEAM_EMAIL if n == 0 else member.email,
                full_name=member.name,
                role=Role.TEAM,
                team_member_id=member.id,
                password=team_hash,
                date_joined=joined,
            )
            users.append(user)
            self.member_user[member.id] = user
        self.client_user: dict[uuid.UUID, User] = {}
        for client in self.active:
            user = User(
                email=f"owner@{client.client_portal_subdomain}.test",
                full_name=client.primary_contact_name,
                role=Role.CLIENT,
                client_id=client.id,
                password=client_hash,
                date_joined=client.created_at,
            )
            users.append(user)
            self.client_user[client.id] = user
        for user in users:
            self.stamp(user, joined)
        self.insert("users", User, users)
        self.admin = users[0]

    def shoots(self) -> None:
        shoots, crews = [], []
        for client in self.client_rows:
            if client.status == ClientStatus.ACTIVE:
                first, last = -90, 45
            elif client.status == ClientStatus.INACTIVE:
                first, last = -90, -40
            else:
                continue
            day = first + self.rng.randint(0, 10)
            while day <= last:
                start = self.now + timedelta(days=day, hours=self.rng.randint(1, 7))
                duration = timedelta(minutes=30 * self.rng.randint(2, 8))
                if start < self.now:
                    status = self.rng.choices(
                        [ShootStatus.COMPLETED, ShootStatus.CANCELLED], weights=[9, 1]
                    )[0]
                else:
                    status = self.rng.choices(
                        [ShootStatus.SCHEDULED, ShootStatus.POSTPONED], weights=[8, 1]
                    )[0]
                shoot = Shoot(
                    client_id=client.id,
                    title=f"{self.rng.choice(TOPICS)} shoot",
                    shoot_start=start,
                    duration=duration,
                    shoot_end=start + duration,
                    status=status,
                    location=f"{self.rng.randint(1, 400)} {self.rng.choice(STREETS)}",
                    calendar_event_link=f"https://calendar.google.com/event?eid={day + 100}",
                    drive_folder_link=(
                        f"https://drive.google.com/drive/folders/{self.rng.getrandbits(64):016x}"
                    ),
                    notes="Bring the gimbal and two softboxes." if day % 3 == 0 else "",
                )
                shoot.client = client
                self.stamp(shoot, start - timedelta(days=21), min(start, self.now))
                shoots.append(shoot)
                crew = {self.rng.choice(self.creators or self.members).id: "Content Creator"}
                crew.setdefault(self.rng.choice(self.editors).id, "Editor")
                if self.rng.random() < 0.4:
                    crew.setdefault(self.rng.choice(self.members).id, "Scheduler")
                shoot.crew = list(crew)
                crews += [
                    ShootAssignment(shoot_id=shoot.id, team_member_id=m, role=r)
                    for m, r in crew.items()
                ]
                day += self.rng.randint(10, 18)
        self.shoot_rows = self.insert("shoots", Shoot, shoots)
        self.insert("shoot assignments", ShootAssignment, crews)

    def _deliverable_status(self, shoot: Shoot | None, due: date) -> str:
        age = (self.now.date() - due).days
        if shoot is not None and shoot.shoot_start > self.now:
            return DeliverableStatus.TO_DO
        if age > 10:
            weights = [0, 1, 1, 6, 12]
        elif age > -7:
            weights = [2, 5, 5, 4, 1]
        else:
            weights = [6, 4, 2, 0, 0]
        return self.rng.choices(DeliverableStatus.values, weights=weights)[0]

    def deliverables(self) -> None:
        rows, reviews = [], []
        done = (DeliverableStatus.READY_TO_POST, DeliverableStatus.DELIVERED)
        plan = []
        for shoot in self.shoot_rows:
            if shoot.status == ShootStatus.CANCELLED:
                continue
            c = shoot.client
            for kind, count in (
                (DeliverableType.REEL, c.default_reels),
                (DeliverableType.PHOTO, c.default_photos),
                (DeliverableType.CAROUSEL, c.default_carousels),
            ):
                plan += [(c, shoot, kind, n) for n in range(count)]
        for client in self.active:
            plan += [(client, None, DeliverableType.OTHER, n) for n in range(3)]
        for client, shoot, kind, n in plan:
            base = (
                shoot.shoot_start if shoot else self.now - timedelta(days=self.rng.randint(0, 60))
            )
            due = (base + timedelta(days=self.rng.randint(5, 14))).date()
            status = self._deliverable_status(shoot, due)
            changed = min(base + timedelta(days=self.rng.randint(1, 12)), self.now)
            label = "Story graphic" if kind == DeliverableType.OTHER else kind.label
            d = Deliverable(
                client_id=client.id,
                shoot_id=shoot.id if shoot else None,
                title=f"{label} {n + 1}: {self.rng.choice(TOPICS)}",
                deliverable_type=kind,
                status=status,
                due_date=due,
                file_link=self.drive_link() if status not in ("To Do",) else "",
                caption=(
                    f"{self.rng.choice(TOPICS)} at {client.name}! Come see us this week."
                    if status in done
                    else ""
                ),
                posting_instructions="Post Tue or Thu, 11am. Tag the location."
                if status in done
                else "",
                assignee_id=self.rng.choice(self.editors).id,
                status_changed_at=changed,
            )
            self.stamp(d, base - timedelta(days=2), changed)
            rows.append(d)
            owner = self.client_user.get(client.id)
            if owner is not None and status in done and self.rng.random() < 0.4:
                reviews.append(
                    self.stamp(
                        DeliverableReview(
                            deliverable_id=d.id,
                            decision=ReviewDecision.APPROVED,
                            comment="Looks great!" if self.rng.random() < 0.5 else "",
                            reviewed_by_id=owner.id,
                        ),
                        changed - timedelta(hours=2),
                    )
                )
            elif owner is not None and status == "In Progress" and self.rng.random() < 0.2:
                reviews.append(
                    self.stamp(
                        DeliverableReview(
                            deliverable_id=d.id,
                            decision=ReviewDecision.CHANGES_REQUESTED,
                            comment="Can the music be calmer and the logo bigger?",
                            reviewed_by_id=owner.id,
                        ),
                        changed - timedelta(hours=2),
                    )
                )
        self.deliverable_rows = self.insert("deliverables", Deliverable, rows)
        self.insert("deliverable reviews", DeliverableReview, reviews)

    def tasks(self) -> None:
        tasks, links, entries = [], [], []
        subjects = [s for s in self.shoot_rows if s.status != ShootStatus.CANCELLED]
        general = [
            "Plan next quarter's content calendar",
            "Update the agency rate card",
            "Back up the Drive archive",
            "Onboard the new freelance editor",
            "Review analytics for top clients",
        ]
        plan = [(shoot, kind) for shoot in subjects for kind in self.rng.sample(TASK_KINDS, 2)]
        plan += [(None, (name, TaskPriority.LOW, 90)) for name in general * self.scale]
        entry_slots: dict[uuid.UUID, datetime] = {}
        for shoot, (name, priority, estimate) in plan:
            when = (
                shoot.shoot_start if shoot else self.now - timedelta(days=self.rng.randint(0, 40))
            )
            due = (when + timedelta(days=self.rng.randint(-3, 10))).date()
            if when > self.now:
                status = self.rng.choice([TaskStatus.TO_DO, TaskStatus.TO_DO, TaskStatus.BLOCKED])
            else:
                status = self.rng.choices(TaskStatus.values, weights=[1, 2, 1, 2, 6])[0]
            completed_at = None
            if status == TaskStatus.COMPLETED:
                completed_at = min(when + timedelta(days=self.rng.randint(1, 9)), self.now)
            task = Task(
                name=name.format(c=shoot.client.name) if shoot else name,
                description="See the shoot notes and the client's brand guide.",
                status=status,
                priority=priority,
                due_date=due,
                client_id=shoot.client_id if shoot else None,
                shoot_id=shoot.id if shoot else None,
                estimated_minutes=estimate,
                completed_at=completed_at,
            )
            self.stamp(task, when - timedelta(days=7), completed_at or min(when, self.now))
            tasks.append(task)
            crew = shoot.crew if shoot else [self.rng.choice(self.members).id]
            assignees = self.rng.sample(crew, min(len(crew), self.rng.randint(1, 2)))
            links += [Task.assignees.through(task_id=task.id, teammember_id=m) for m in assignees]
            if status in (TaskStatus.TO_DO, TaskStatus.BLOCKED):
                continue
            for _ in range(self.rng.randint(1, 3)):
                member_id = self.rng.choice(assignees)
                user = self.member_user[member_id]
                # Entries of one person never overlap: each starts after their previous one.
                slot = entry_slots.get(user.id, self.now - timedelta(days=120))
                start = max(slot, when) + timedelta(minutes=30 * self.rng.randint(1, 8))
                length = timedelta(minutes=15 * self.rng.randint(1, 12))
                if start + length > self.now:
                    break
                entry_slots[user.id] = start + length
                entries.append(
                    self.stamp(
                        TimeEntry(
                            task_id=task.id,
                            user_id=user.id,
                            started_at=start,
                            ended_at=start + length,
                            duration=length,
                            note=self.rng.choice(["", "First pass", "Client tweaks", "Export"]),
                        ),
                        start + length,
                    )
                )
        self.insert("tasks", Task, tasks)
        Task.assignees.through.objects.bulk_create(links, batch_size=BATCH)
        self.insert("time entries", TimeEntry, entries)

    def form_submissions(self) -> None:
        rows = []
        convertible = [c for c in self.client_rows if c.status == ClientStatus.PITCHING]
        convertible += list(self.active)[: len(convertible)]
        statuses = ["Pending"] * 4 + ["Approved"] * 3 + ["Rejected"] * 3
        for i, status in enumerate(statuses * self.scale):
            client = convertible.pop(0) if status == "Approved" and convertible else None
            if status == "Approved" and client is None:
                status = "Pending"
            kind, industry = self.rng.choice(NAME_KIND)
            business = client.name if client else f"{self.rng.choice(NAME_FIRST)} {kind}"
            contact = (
                client.primary_contact_name
                if client
                else f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            )
            created = self.now - timedelta(days=self.rng.randint(1, 120), hours=i % 24)
            sub = FormSubmission(
                contact_name=contact,
                email=f"{slugify(contact)}@{slugify(business)[:30]}.test",
                phone=f"+1 555 03{i % 100:02d}",
                business_name=business,
                website=f"https://{slugify(business)[:30]}.test",
                industry=client.industry if client else industry,
                location=f"{self.rng.randint(1, 400)} {self.rng.choice(STREETS)}",
                social_handles={"instagram": f"@{slugify(business).replace('-', '')[:20]}"},
                services_wanted=self.rng.sample(["Reels", "Photography", "Carousels"], 2),
                budget=self.rng.choice(["$500/month", "$1,000/month", "$2,500/month", "Unsure"]),
                message="We'd love more foot traffic from Instagram. Can you help?",
                consent_to_contact=True,
                approval_status=status,
                reviewed_by_id=self.admin.id if status != "Pending" else None,
                reviewed_at=created + timedelta(days=2) if status != "Pending" else None,
                rejection_reason=REJECT_REASONS[i % 3] if status == "Rejected" else "",
                client_id=client.id if client else None,
            )
            rows.append(self.stamp(sub, created, sub.reviewed_at))
        self.insert("form submissions", FormSubmission, rows)

    def portal_requests(self) -> None:
        rows, replies = [], []
        team_users = list(self.member_user.values())
        for client in self.active:
            owner = self.client_user[client.id]
            for _ in range(4):
                created = self.now - timedelta(days=self.rng.randint(0, 80), hours=5)
                status = self.rng.choices(RequestStatus.values, weights=[3, 3, 4])[0]
                text = self.rng.choice(PORTAL_ASKS)
                member = self.rng.choice(self.members) if status != RequestStatus.NEW else None
                req = ClientPortalRequest(
                    client_id=client.id,
                    content=text,
                    request_type=RequestType.INSIGHT
                    if text.startswith("Insight")
                    else RequestType.REQUEST,
                    priority=self.rng.choices(RequestPriority.values, weights=[5, 1])[0],
                    topic=self.rng.choice(RequestTopic.values),
                    status=status,
                    created_by_id=owner.id,
                    assigned_to_id=member.id if member else None,
                )
                rows.append(self.stamp(req, created, created + timedelta(days=1)))
                staff = self.member_user[member.id] if member else self.rng.choice(team_users)
                for k in range(self.rng.randint(0, 3)):
                    author, body = (
                        (staff, self.rng.choice(REPLIES_STAFF))
                        if k % 2 == 0
                        else (owner, self.rng.choice(REPLIES_CLIENT))
                    )
                    replies.append(
                        self.stamp(
                            PortalRequestReply(request_id=req.id, author_id=author.id, body=body),
                            created + timedelta(hours=3 * (k + 1)),
                        )
                    )
        self.insert("portal requests", ClientPortalRequest, rows)
        self.insert("portal replies", PortalRequestReply, replies)
