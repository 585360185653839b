from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = "Tasks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import TaskPolicy, TimeEntryPolicy

        register_policy("tasks.task", TaskPolicy())
        register_policy("tasks.timeentry", TimeEntryPolicy())
