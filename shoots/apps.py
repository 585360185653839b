# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class ShootsConfig(kernel.EntityAppConfig):
    name = "shoots"
    verbose_name = "Shoots"
