from django.apps import AppConfig


class DeliverablesConfig(AppConfig):
    name = "deliverables"
    verbose_name = "Deliverables"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import DeliverablePolicy

        register_policy("deliverables.deliverable", DeliverablePolicy())

        from . import privacy

        privacy.register()  # what the app holds about a person (GDPR)
