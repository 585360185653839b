# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class FilesConfig(kernel.EntityAppConfig):
    name = "files"
    verbose_name = "Files"
