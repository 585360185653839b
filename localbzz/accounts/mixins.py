"""The one gate of the staff dashboard: only admins and team members get through."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from localbzz.accounts.permissions import is_admin_user, is_staff_user


def _gate(request, *, admin_only: bool = False):
    """None when the user may go on; else the response (sign-in redirect) or raises 404."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_staff_user(user):
        # Client users (and inactive accounts) never learn that a dashboard page exists.
        raise Http404("Not found")
    if admin_only and not is_admin_user(user):
        raise Http404("Not found")
    return None


def staff_required(view=None, *, admin_only: bool = False):
    """Decorator: anonymous users go to sign in, non-staff users get 404."""

    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            response = _gate(request, admin_only=admin_only)
            if response is not None:
                return response
            return func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


class StaffRequiredMixin:
    """Class-based views: the same gate as ``staff_required``."""

    admin_only = False

    def dispatch(self, request, *args, **kwargs):
        response = _gate(request, admin_only=self.admin_only)
        if response is not None:
            return response
        return super().dispatch(request, *args, **kwargs)
