"""The batch app in the event stream: a job's progress (staff only, never to webhooks)."""

from localbzz.events.representation import register_entity
from localbzz.events.types import register_event_types

register_event_types("batch_job.progress", subscribable=False)
register_entity("batch.batchjob", serializer="batch.api.serializers.BatchJobSerializer")
