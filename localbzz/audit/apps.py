from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "localbzz.audit"
    label = "audit"
    verbose_name = "Audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import jobs, privacy_handlers, signals

        signals.connect()
        privacy_handlers.register()
        jobs.register()  # the kernel's retention kinds
