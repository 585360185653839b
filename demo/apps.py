from django.apps import AppConfig


class DemoConfig(AppConfig):
    """``manage.py seed_demo``: a believable agency, built on the apps' factories."""

    name = "demo"
    verbose_name = "Demo data"
