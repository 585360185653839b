"""/api/calendar-feeds[/:id[/rotate]]."""

from localbzz.api.base import Router

from . import views

router = Router()
router.register("calendar-feeds", views.CalendarFeedViewSet, basename="calendar-feed")

urlpatterns = router.urls
