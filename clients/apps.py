# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class ClientsConfig(kernel.EntityAppConfig):
    name = "clients"
    verbose_name = "Clients"
