from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "team"
    verbose_name = "Team"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from localbzz.accounts.permissions import register_policy

        from . import events  # noqa: F401 - registers the app's event types and representation
        from .policies import TeamMemberPolicy

        register_policy("team.teammember", TeamMemberPolicy())

        from . import privacy

        privacy.register()  # what the app holds about a person (GDPR)
