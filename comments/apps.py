# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class CommentsConfig(kernel.EntityAppConfig):
    name = "comments"
    verbose_name = "Comments"
