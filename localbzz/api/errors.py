"""The single API error body of DESIGN.md."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Placeholder until the API capability: DRF's default handler."""
    return drf_exception_handler(exc, context)
