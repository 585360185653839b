"""The base of every portal page: which client's portal this is, and who is looking.

``PortalMixin`` decides, for every page, the portal's client (from the host on a portal
subdomain, from ``/portal/<subdomain>/`` on the path form) and the viewer: the client's own
user (may act), staff "viewing as client" (read only: every write answers 403), or nobody
(asked to sign in). A client user of another client is treated as signed out here. Rows
are read through ``visible_to(viewer)`` and then narrowed to this portal's client, so
nothing of another client is ever reachable.
"""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from clients.selectors import portal_client
from deliverables.selectors import deliverable_list
from localbzz.accounts.permissions import is_own_client_user, is_staff_user
from shoots.selectors import shoot_list

from ..selectors import portal_request_list
from ..urls_helpers import portal_reverse


class PortalMixin:
    """Resolves the portal's client and its viewer; asks anonymous visitors to sign in.

    Mixed into plain views and into Django's auth views alike (it only needs ``dispatch``).
    """

    login_required = True
    template_name = ""
    nav = ""

    def dispatch(self, request, *args, subdomain: str | None = None, **kwargs):
        host_subdomain = getattr(request, "portal_subdomain", None)
        # On a portal host the host names the client; /portal/<subdomain>/ is the path form.
        self.path_subdomain = None if host_subdomain else (subdomain or "").lower()
        name = host_subdomain or self.path_subdomain or ""
        self.client = portal_client(name)
        if self.client is None:
            return render(request, "portal/unavailable.html", {"subdomain": name}, status=404)
        user = request.user
        if is_own_client_user(user, self.client):
            self.mode = "client"
        elif is_staff_user(user):
            self.mode = "staff"
        else:
            self.mode = None
        self.viewer = user if self.mode else None
        if self.login_required and self.mode is None:
            nxt = quote(request.get_full_path(), safe="/")
            return HttpResponseRedirect(f"{self.url('sign_in')}?next={nxt}")
        return super().dispatch(request, *args, **kwargs)

    # --- helpers ---------------------------------------------------------------------------
    def url(self, name: str, **kwargs) -> str:
        return portal_reverse(self.path_subdomain, name, **kwargs)

    def require_client(self) -> None:
        """Writes are for the client's own users; staff viewing as client are refused."""
        if self.mode != "client":
            raise PermissionDenied("Viewing as client is read-only.")

    def base_context(self) -> dict:
        return {
            "client": self.client,
            "portal_path_subdomain": self.path_subdomain,
            "viewer": self.viewer,
            "is_client_viewer": self.mode == "client",
            "is_staff_viewer": self.mode == "staff",
            "nav": self.nav,
        }

    def get_context_data(self, **kwargs):
        """For Django's generic views: the portal's context under the view's own."""
        return {**self.base_context(), **super().get_context_data(**kwargs)}

    def render(self, context: dict | None = None, *, template: str | None = None, status=200):
        return render(
            self.request,
            template or self.template_name,
            {**self.base_context(), **(context or {})},
            status=status,
        )


class PortalView(PortalMixin, View):
    """A portal page, with this portal's rows (``visible_to`` first, then the client)."""

    def deliverables(self):
        return deliverable_list(user=self.viewer).filter(client=self.client)

    def shoots(self):
        return shoot_list(user=self.viewer).filter(client=self.client)

    def portal_requests(self):
        return portal_request_list(user=self.viewer).filter(client=self.client)

    def get_deliverable(self, pk):
        deliverable = self.deliverables().select_related("shoot").filter(pk=pk).first()
        if deliverable is None:
            raise Http404("No such deliverable.")
        return deliverable

    def get_portal_request(self, pk):
        portal_request = self.portal_requests().select_related("created_by").filter(pk=pk).first()
        if portal_request is None:
            raise Http404("No such request.")
        return portal_request
