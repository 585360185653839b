from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Pages that combine every entity app: home, navigation, charts, reports."""

    name = "dashboard"
    verbose_name = "Dashboard"
