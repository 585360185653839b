from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = "Files"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events, signals  # noqa: F401 - event types, representation, storage cleanup
        from .policies import AttachmentPolicy

        register_policy("files.attachment", AttachmentPolicy())
