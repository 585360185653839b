"""The product's URLs plus the benchmark's baseline view (``make bench`` only)."""

from django.urls import re_path

from localbzz import urls as product

from .baseline import baseline_deliverables

# Before the product's routes: the API answers every other /api/ path with its JSON 404.
urlpatterns = [
    re_path(r"^api/bench/baseline/deliverables/?$", baseline_deliverables, name="bench-baseline"),
    *product.urlpatterns,
]
handler400 = product.handler400
handler403 = product.handler403
handler404 = product.handler404
handler500 = product.handler500
