"""/api/form-submissions and /api/form-submissions/:id."""

from localbzz.api.base import Router

from .views import FormSubmissionViewSet

router = Router()
router.register("form-submissions", FormSubmissionViewSet, basename="form-submission")

urlpatterns = router.urls
