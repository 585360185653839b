from django.db import migrations

ROLES = ["Editor", "Scheduler", "Content Creator"]


def create_roles(apps, schema_editor):
    TeamRole = apps.get_model("team", "TeamRole")
    for name in ROLES:
        TeamRole.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("team", "0001_initial")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
