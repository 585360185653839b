from django.apps import AppConfig


class ShootsConfig(AppConfig):
    name = "shoots"
    verbose_name = "Shoots"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import ShootPolicy

        register_policy("shoots.shoot", ShootPolicy())
