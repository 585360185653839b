"""The benchmark's baseline: a plain Django view returning one page from one .values() query.

Routed only by the bench's own URLconf (``bench/server/urls.py``; ``bench/run.py`` starts the
server with ``DJANGO_SETTINGS_MODULE=bench.server.settings``): the product never imports it.
"""

import orjson
from django.http import HttpResponse

from deliverables.api.serializers import DeliverableSerializer
from deliverables.models import Deliverable
from localbzz.db import related_count

#: the serializer's own field names, so both sides of the benchmark return the same page
FIELDS = tuple(DeliverableSerializer.Meta.fields)


def baseline_deliverables(request):
    """Up to 50 deliverables (``?client_id=`` narrows), as JSON, with no framework."""
    # the same count the API's list selector annotates (a correlated subquery)
    qs = Deliverable.objects.annotate(
        attachments_count=related_count(Deliverable, "attachments")
    ).order_by("due_date", "title")
    if request.GET.get("client_id"):
        qs = qs.filter(client_id=request.GET["client_id"])
    rows = list(qs.values(*FIELDS)[:50])
    return HttpResponse(orjson.dumps({"results": rows}), content_type="application/json")
