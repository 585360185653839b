"""Settings of the server ``make bench`` measures: the product's, plus the baseline's route."""

from localbzz.settings import *  # noqa: F403

ROOT_URLCONF = "bench.server.urls"
