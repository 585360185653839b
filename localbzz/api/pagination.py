"""Page-number pagination for every API list: ``page``, ``page_size`` (at most 200).

One query per page: the total (``count``) comes beside each row from an uncorrelated
``(SELECT COUNT(*) FROM (<the list's query>))``, which PostgreSQL plans as the separate
``COUNT`` query it replaces (flattened, an index-only scan) but without the second round trip.
It works the same for model rows and ``.values()`` rows, for filtered, distinct and grouped
lists, since it counts the rows of the list's own query (its ``values("pk")``); the only thing
read from Django is that query's compiled SQL.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

#: the annotation that carries the total beside each row of a page
TOTAL = "lean_total_count"
#: the highest page number asked for (10**6 pages of 200 rows); past it a 400, not an offset
#: PostgreSQL refuses (``page=10**20`` was a 500)
MAX_PAGE = 1_000_000


def count_of(queryset) -> RawSQL:
    """``(SELECT COUNT(*) FROM (<queryset's values("pk")>))``, as an expression."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    # Django's own compiled SQL with its parameters kept apart: nothing user-written inside.
    count = f"SELECT COUNT(*) FROM ({sql}) lean_count"  # noqa: S608
    return RawSQL(count, params, IntegerField())  # noqa: S611


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
            rows = []
        else:
            rows = list(queryset.annotate(**{TOTAL: total_of})[offset : offset + page_size])
        total = _pop_total(rows)
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message.format(page_number=number, message=""))
        paginator = Paginator((), page_size)
        paginator.count = total if rows else offset  # a cached_property: set, never computed
        self.page = Page(rows, number, paginator)
        self.request = request
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return rows


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
