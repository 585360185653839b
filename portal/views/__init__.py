"""Client portal pages, on the client's subdomain or under /portal/<subdomain>/.

``base`` resolves the portal's client and viewer, ``auth`` signs people in and out and
sets passwords (on Django's auth views), ``pages`` are the portal's content pages.
"""

from .auth import AccountView, PasswordResetView, SetPasswordView, SignInView, SignOutView
from .base import PortalMixin, PortalView
from .pages import (
    DeliverableDetailView,
    DeliverableListView,
    DeliverableReviewView,
    HomeView,
    PrivacyView,
    RequestDetailView,
    RequestListView,
    ShootListView,
)

__all__ = [
    "AccountView",
    "DeliverableDetailView",
    "DeliverableListView",
    "DeliverableReviewView",
    "HomeView",
    "PasswordResetView",
    "PortalMixin",
    "PortalView",
    "PrivacyView",
    "RequestDetailView",
    "RequestListView",
    "SetPasswordView",
    "ShootListView",
    "SignInView",
    "SignOutView",
]
