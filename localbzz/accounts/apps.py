from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "localbzz.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import events  # noqa: F401 - registers the user event types
