"""One seeder per entity, run in order by ``seed``: each builds its rows in memory with the
app's factories (``build_*``) from one seeded random generator and bulk-inserts them.

The rows follow the model rules (the factories apply them: shoot_end = start + duration, a
time entry's duration = end - start; a deliverable's client is its shoot's client,
completed_at only on Completed tasks, no running timers). No outbox Event rows are written
for demo data.
"""

from __future__ import annotations

from clients.models import Client
from deliverables.models import Deliverable, DeliverableReview
from demo.seeders.base import Demo, own_timestamps
from demo.seeders.clients import active_clients, seed_clients
from demo.seeders.deliverables import seed_deliverables
from demo.seeders.forms import seed_form_submissions
from demo.seeders.media import seed_media
from demo.seeders.portal import seed_portal_requests
from demo.seeders.shoots import seed_shoots
from demo.seeders.tasks import seed_tasks
from demo.seeders.team import seed_team
from demo.seeders.users import seed_users
from files.models import Attachment
from forms.models import FormSubmission
from localbzz.accounts.models import User
from portal.models import ClientPortalRequest, PortalRequestReply
from shoots.models import Shoot
from tasks.models import Task, TimeEntry
from team.models import TeamMember

#: the models whose created_at / updated_at the seeders set themselves
MODELS = (
    User,
    Client,
    TeamMember,
    Shoot,
    Deliverable,
    DeliverableReview,
    Attachment,
    Task,
    TimeEntry,
    FormSubmission,
    ClientPortalRequest,
    PortalRequestReply,
)


def seed(*, scale: int) -> dict[str, int]:
    """Fills the database with the demo agency; the counts of what was inserted, by label."""
    demo = Demo(scale=scale)
    with own_timestamps(*MODELS):
        crew = seed_team(demo)
        clients = seed_clients(demo)
        active = active_clients(clients)
        logins = seed_users(demo, crew.members, active)
        shoots = seed_shoots(demo, clients, crew)
        deliverables = seed_deliverables(demo, shoots, active, crew, logins.of_client)
        seed_tasks(demo, shoots, crew.members, logins.of_member)
        seed_form_submissions(demo, clients, active, logins.admin)
        seed_portal_requests(demo, active, crew.members, logins.of_member, logins.of_client)
        seed_media(demo, deliverables)
    return demo.counts
