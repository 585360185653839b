"""Page-number pagination for every API list: ``page``, ``page_size`` (at most 200).

One query per page: the total (``count``) comes beside each row from an uncorrelated
``(SELECT COUNT(*) FROM (<the list's query>))``, which PostgreSQL plans as the separate
``COUNT`` query it replaces (flattened, an index-only scan) but without the second round trip.
It works the same for model rows and ``.values()`` rows, for filtered, distinct and grouped
lists, since it counts the rows of the list's own query (its ``values("pk")``); the only thing
read from Django is that query's compiled SQL.

Counting still costs more than the page (1.3 ms of PostgreSQL for 17k deliverables), so a
total is kept in Django's cache (Redis in production, shared by every process) for
``API_COUNT_CACHE_SECONDS`` (default 2; 0: off), keyed by that compiled SQL and its
parameters (so by the list, its filters and the user's scope, nothing guessed), and dropped
by any save or delete in any process (a generation number in the same cache). Writes that send
no signal (``update()``, ``bulk_create()``) show in ``count`` within those seconds. Rows are
always read fresh, and a short page's total is always exact (``offset + rows``).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

#: the annotation that carries the total beside each row of a page
TOTAL = "lean_total_count"
#: the highest page number asked for (10**6 pages of 200 rows); past it a 400, not an offset
#: PostgreSQL refuses (``page=10**20`` was a 500)
MAX_PAGE = 1_000_000


#: the cache key of the generation number every save and delete moves on
GENERATION = "api-count-generation"


def count_of(queryset) -> RawSQL:
    """``(SELECT COUNT(*) FROM (<queryset's values("pk")>))``, as an expression."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    # Django's own compiled SQL with its parameters kept apart: nothing user-written inside.
    count = f"SELECT COUNT(*) FROM ({sql}) lean_count"  # noqa: S608
    return RawSQL(count, params, IntegerField())  # noqa: S611


def _cache_seconds() -> float:
    return float(getattr(settings, "API_COUNT_CACHE_SECONDS", 2))


def _key(total_of: RawSQL) -> str:
    sql, params = total_of.sql, total_of.params
    return "api-count:" + hashlib.sha256(f"{sql}\x00{params!r}".encode()).hexdigest()


def kept_total(total_of: RawSQL) -> tuple[int | None, int]:
    """(the total kept for this count if no save or delete happened since, the generation)."""
    key = _key(total_of)
    found = cache.get_many([GENERATION, key])
    generation, entry = found.get(GENERATION, 0), found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1], generation
    return None, generation


def moved_on(**kwargs) -> None:
    """A save or delete: every kept total is stale (in every process sharing the cache)."""
    try:
        cache.incr(GENERATION)
    except ValueError:  # not there yet (or evicted)
        cache.set(GENERATION, 1, None)


post_save.connect(moved_on, dispatch_uid="api-count-generation-save", weak=False)
post_delete.connect(moved_on, dispatch_uid="api-count-generation-delete", weak=False)


class Pagination(PageNumberPagination):
    """``count``, ``next``, ``previous``, ``results``; ``page_size`` up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def page_number(self, request) -> int | None:
        """The page asked for (None: ``last``); 404 for a non-number, 400 past ``MAX_PAGE``."""
        raw = request.query_params.get(self.page_query_param) or 1
        if raw in self.last_page_strings:
            return None
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message=""))
        if number > MAX_PAGE:
            raise ValidationError({self.page_query_param: [f"At most {MAX_PAGE}."]})
        return number

    def paginate_queryset(self, queryset, request, view=None):
        """A page of ``queryset`` (model or ``.values()`` rows) and its total, in one query.

        The body is the one of DRF's own pagination: an empty first page has count 0; any
        other empty page (past the end) is a 404. ``?page=last`` counts first (two queries).
        """
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        number = self.page_number(request)
        if number is None:
            return super().paginate_queryset(queryset, request, view)
        offset = (number - 1) * page_size
        try:
            total_of = count_of(queryset)
        except EmptyResultSet:  # ``.none()``: nothing to count, nothing to read
            rows, total = [], 0
        else:
            rows, total = self._rows_and_total(queryset, total_of, offset, page_size)
        if len(rows) < page_size and (rows or number == 1):
            total = offset + len(rows)  # a short page: the total is exact without counting
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message.format(page_number=number, message=""))
        paginator = Paginator((), page_size)
        paginator.count = total  # a cached_property: set, never computed
        self.page = Page(rows, number, paginator)
        self.request = request
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return rows

    @staticmethod
    def _rows_and_total(queryset, total_of, offset: int, page_size: int) -> tuple[list, int]:
        seconds = _cache_seconds()
        kept, generation = kept_total(total_of) if seconds > 0 else (None, 0)
        if kept is not None:  # the page alone; its rows may show a later total
            rows = list(queryset[offset : offset + page_size])
            return rows, max(kept, offset + len(rows))
        rows = list(queryset.annotate(**{TOTAL: total_of})[offset : offset + page_size])
        total = _pop_total(rows)
        if rows and seconds > 0:
            cache.set(_key(total_of), (generation, total), seconds)
        return rows, total


def _pop_total(rows: list) -> int:
    """The total carried by the rows (then removed from them); 0 without rows."""
    total = 0
    for row in rows:
        if isinstance(row, dict):
            total = row.pop(TOTAL)
        else:
            total = getattr(row, TOTAL)
            delattr(row, TOTAL)
    return total
