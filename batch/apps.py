from django.apps import AppConfig


class BatchConfig(AppConfig):
    name = "batch"
    verbose_name = "Import and export"
    default_auto_field = "django.db.models.BigAutoField"
