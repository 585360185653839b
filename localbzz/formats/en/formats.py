"""One date format everywhere (FORMAT_MODULE_PATH): 2 Dec 2026, 2 Dec 2026, 14:30, 14:30.

Django's English formats ("Dec. 2, 2026, 2:30 p.m.") would otherwise show wherever a
template prints a date without naming a format, next to the pages' own "j M Y".
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday, as the calendar
