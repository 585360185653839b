from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "localbzz.audit"
    label = "audit"
    verbose_name = "Audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
