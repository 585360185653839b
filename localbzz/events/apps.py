from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The events package, in layers that import downward only::

        types, webhooks, representation  (leaves: registries, signing, the SSRF guard)
        → models → services (emit, the outbox) → notifications → delivery → fanout → jobs
        → consumers, views, api, admin

    ``ready()`` wires the two upward calls by registration: after commit, ``emit`` runs
    ``fanout.dispatch_event``; lower layers queue the jobs of ``jobs.py`` by name.
    """

    name = "localbzz.events"
    label = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import fanout, jobs, services  # noqa: F401 - jobs registers the Celery jobs

        services.connect_dispatcher(fanout.dispatch_event)
