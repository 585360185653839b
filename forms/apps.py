# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class FormsConfig(kernel.EntityAppConfig):
    name = "forms"
    verbose_name = "Form submissions"
