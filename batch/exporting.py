"""Export: every row the caller may see through the collection's own list (selector,
FilterSet, search, ordering), in the API's representation, streamed a chunk at a time."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework import fields as drf_fields

from localbzz.api.lists import values_plan
from localbzz.audit.trail import record_read

from .collections import Collection
from .formats import CHUNK_ROWS, FORMATS, WRITERS


def list_view(collection: Collection, request):
    """The collection's API list view, bound to ``request`` (a DRF request) as for a GET."""
    view = collection.viewset(request=request, args=(), kwargs={}, format_kwarg=None, action="list")
    view.headers = {}
    return view


def header_of(serializer) -> list[str]:
    return [name for name, field in serializer.fields.items() if not field.write_only]


def rows_of(view, queryset) -> Iterator[dict]:
    """The rows of ``queryset`` as the list endpoint renders them: from ``.values()`` when the
    serializer allows, else through the serializer, ``CHUNK_ROWS`` model rows at a time."""
    plan = values_plan(view)
    values = plan.queryset(queryset) if plan is not None else None
    if values is not None:
        iterator = values.iterator(chunk_size=CHUNK_ROWS)
        while chunk := list(islice(iterator, CHUNK_ROWS)):
            yield from plan.render(chunk)
        return
    serializer = view.get_serializer()
    for obj in queryset.iterator(chunk_size=CHUNK_ROWS):
        yield serializer.to_representation(obj)


def export_response(collection: Collection, request, fmt: str, *, only=None):
    """The streamed file of the caller's rows (a ``StreamingHttpResponse``): the list's rows
    filtered by the request's parameters (their own 400 when bad), or those of the list among
    ``only`` (a queryset: the admin's selection)."""
    view = list_view(collection, request)
    queryset = view.get_queryset()
    if only is None:
        queryset = view.filter_queryset(queryset)
    else:
        queryset = queryset.filter(pk__in=only.values("pk"))
    serializer = view.get_serializer()
    header = header_of(serializer)
    kinds = {
        "dates": {n for n, f in serializer.fields.items() if type(f) is drf_fields.DateField},
        "datetimes": {
            n for n, f in serializer.fields.items() if isinstance(f, drf_fields.DateTimeField)
        },
    }
    extra = kinds if fmt == "xlsx" else {}
    chunks = WRITERS[fmt](header, rows_of(view, queryset), **extra)
    if isinstance(getattr(request, "_request", request), ASGIRequest):
        chunks = _async(chunks)  # else Django's ASGI handler reads a sync iterator whole
    response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    filters = dict(getattr(request, "query_params", request.GET).items())
    detail = {"format": fmt, "filters": filters, "selected": only is not None}
    record_read("export.downloaded", request=request, object_type=collection.name, detail=detail)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{collection.name}-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


async def _async(chunks: Iterator[bytes]):
    step = sync_to_async(lambda: next(chunks, None), thread_sensitive=True)
    while (chunk := await step()) is not None:
        yield chunk
