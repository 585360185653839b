from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Client portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import PortalRequestPolicy

        register_policy("portal.clientportalrequest", PortalRequestPolicy())

        from . import privacy

        privacy.register()  # what the app holds about a person (GDPR)
