from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Health, metrics, request logs, backups (DESIGN §10). Nothing imports this app: it
    plugs in through settings (middleware, logging filter) and the signals it connects here.
    """

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import metrics

        metrics.connect()
