from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "localbzz.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import (
            events,  # noqa: F401 - registers the user event types
            mfa,
        )

        user_logged_in.connect(mfa.on_sign_in, dispatch_uid="mfa-sign-in")
