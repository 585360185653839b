"""/api/tasks and /api/tasks/:id."""

from localbzz.api.base import Router

from .views import TaskViewSet

router = Router()
router.register("tasks", TaskViewSet, basename="task")

urlpatterns = router.urls
