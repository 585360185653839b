from django.apps import AppConfig


class ShootsConfig(AppConfig):
    name = "shoots"
    verbose_name = "Shoots"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import events  # noqa: F401 - registers the app's event types and representation
