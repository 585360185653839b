"""LocalBzz settings.

Every value comes from the environment through django-environ; ``.env.example`` lists each
one with its default. Nothing else in the code base reads ``os.environ``.

``DJANGO_ENV`` is ``development`` (default) or ``production``; tests use
``localbzz.test_settings``, which imports these and overrides a few. Production has no
unsafe defaults: it refuses to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

# Order matters: a later module may refine an earlier one's value.
# ruff: noqa: I001
from .base import *  # noqa: F403
from .auth import *  # noqa: F403
from .api import *  # noqa: F403
from .integrations import *  # noqa: F403
from .security import *  # noqa: F403
from .files import *  # noqa: F403
from .batch import *  # noqa: F403
from .privacy import *  # noqa: F403
from .ops import *  # noqa: F403
