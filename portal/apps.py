# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class PortalConfig(kernel.EntityAppConfig):
    name = "portal"
    verbose_name = "Client portal"
