from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = "Clients"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import ClientPolicy

        register_policy("clients.client", ClientPolicy())

        from . import privacy

        privacy.register()  # what the app holds about a person (GDPR)
