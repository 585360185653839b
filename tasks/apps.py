# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class TasksConfig(kernel.EntityAppConfig):
    name = "tasks"
    verbose_name = "Tasks"
