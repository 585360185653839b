# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class DeliverablesConfig(kernel.EntityAppConfig):
    name = "deliverables"
    verbose_name = "Deliverables"
