"""/api/auth/... and /api/users."""

from django.urls import re_path

from localbzz.api.base import Router

from . import views
from .keys import ApiKeyViewSet

router = Router()
router.register("users", views.UserViewSet, basename="user")
router.register("api-keys", ApiKeyViewSet, basename="api-key")

urlpatterns = [
    re_path(r"^auth/token/?$", views.TokenView.as_view(), name="auth-token"),
    re_path(r"^auth/token/refresh/?$", views.TokenRefresh.as_view(), name="auth-token-refresh"),
    re_path(r"^auth/logout/?$", views.LogoutView.as_view(), name="auth-logout"),
    re_path(r"^auth/me/?$", views.MeView.as_view(), name="auth-me"),
    re_path(r"^auth/user/?$", views.DeprecatedUserView.as_view(), name="auth-user-deprecated"),
    *router.urls,
]
