from django.apps import AppConfig
from django.conf import settings


class BatchConfig(AppConfig):
    name = "batch"
    verbose_name = "Import, export and jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import events, schedule, scheduler  # noqa: F401 - job events; records runs

        if settings.SCHEDULER_IN_PROCESS and scheduler.serving_runserver():
            scheduler.start()
