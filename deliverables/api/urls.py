"""/api/deliverables and /api/deliverables/:id."""

from localbzz.api.base import Router

from .views import DeliverableViewSet

router = Router()
router.register("deliverables", DeliverableViewSet, basename="deliverable")

urlpatterns = router.urls
