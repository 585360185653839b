from django.apps import AppConfig


class ShootsConfig(AppConfig):
    name = "shoots"
    verbose_name = "Shoots"
    default_auto_field = "django.db.models.BigAutoField"
