# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class TeamConfig(kernel.EntityAppConfig):
    name = "team"
    verbose_name = "Team"
