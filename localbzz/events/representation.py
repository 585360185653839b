"""The API representation of an object, as carried in an event's ``data.object``."""

from __future__ import annotations

from django.db.models import Model
from django.utils.module_loading import import_string

#: model label -> dotted path of the API serializer that represents it
SERIALIZERS: dict[str, str] = {
    "clients.client": "clients.api.serializers.ClientSerializer",
    "team.teammember": "team.api.serializers.TeamMemberSerializer",
    "shoots.shoot": "shoots.api.serializers.ShootSerializer",
    "deliverables.deliverable": "deliverables.api.serializers.DeliverableSerializer",
    "tasks.task": "tasks.api.serializers.TaskSerializer",
    "forms.formsubmission": "forms.api.serializers.FormSubmissionSerializer",
    "portal.clientportalrequest": "portal.api.serializers.ClientPortalRequestSerializer",
}


def represent(obj: Model) -> dict:
    """Serialises ``obj`` with its API serializer, so events and the API agree."""
    serializer_class = import_string(SERIALIZERS[obj._meta.label_lower])
    return _jsonable(serializer_class(obj, context={"request": None}).data)


def _jsonable(value):
    """Turns serializer output (UUIDs, decimals, ordered dicts) into plain JSON values."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
