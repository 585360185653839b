# imported as a module: Django picks the one AppConfig class defined in this file
from localbzz import apps as kernel


class CalendarsConfig(kernel.EntityAppConfig):
    name = "calendars"
    verbose_name = "Calendar feeds"
