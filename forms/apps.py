from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    verbose_name = "Form submissions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import FormSubmissionPolicy

        register_policy("forms.formsubmission", FormSubmissionPolicy())

        from . import privacy

        privacy.register()  # what the app holds about a person (GDPR)
