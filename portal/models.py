"""Client portal requests and their reply threads."""

from django.conf import settings
from django.db import models

from localbzz.accounts.permissions import VisibleQuerySet
from localbzz.db import BaseModel, RelatedCount, choice_field, choices_constraint, optional_fk
from localbzz.validators import bounded_text


class RequestType(models.TextChoices):
    REQUEST = "Request"
    INSIGHT = "Insight"


class RequestPriority(models.TextChoices):
    NORMAL = "Normal"
    URGENT = "Urgent"


class RequestTopic(models.TextChoices):
    CONTENT = "Content"
    STRATEGY = "Strategy"
    BUSINESS_UPDATE = "Business Update"
    GENERAL = "General"


class RequestStatus(models.TextChoices):
    NEW = "New"
    WORKING = "Working"
    DONE = "Done"


class ClientPortalRequest(BaseModel):
    """Something a client asks of, or tells, the agency through its portal."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="portal_requests"
    )
    content = bounded_text(10_000)
    request_type = choice_field(RequestType, RequestType.REQUEST, max_length=10)
    priority = choice_field(RequestPriority, RequestPriority.NORMAL, max_length=10)
    topic = choice_field(RequestTopic, RequestTopic.GENERAL, max_length=20)
    status = choice_field(RequestStatus, RequestStatus.NEW, max_length=10)
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="portal_requests")
    assigned_to = optional_fk("team.TeamMember", related_name="portal_requests")
    #: what the agency turned the request into (``portal_request_convert``): the work item
    #: links back through these (``task.source_requests``, ``deliverable.source_requests``)
    converted_task = optional_fk("tasks.Task", related_name="source_requests")
    converted_deliverable = optional_fk("deliverables.Deliverable", related_name="source_requests")
    converted_at = models.DateTimeField(null=True, blank=True)

    objects = VisibleQuerySet.as_manager()
    #: its files (the files app's ``attachments`` relation): the list selector's annotation
    attachments_count = RelatedCount("attachments")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "client portal request"
        constraints = [
            choices_constraint("request_type", RequestType, "portalrequest_type_valid"),
            choices_constraint("priority", RequestPriority, "portalrequest_priority_valid"),
            choices_constraint("topic", RequestTopic, "portalrequest_topic_valid"),
            choices_constraint("status", RequestStatus, "portalrequest_status_valid"),
        ]

    def __str__(self):
        first_line = self.content.strip().splitlines()[0] if self.content.strip() else ""
        return f"{self.request_type}: {first_line[:60]}"


class PortalRequestReply(BaseModel):
    """A message in the thread under a portal request, from the client or the agency."""

    request = models.ForeignKey(
        ClientPortalRequest, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = bounded_text(10_000)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "portal request replies"

    def __str__(self):
        return f"Reply by {self.author} on {self.request_id}"
