"""Client portal pages (path form /portal/<subdomain>/ and, via host routing, the subdomain)."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "set-password/<str:uidb64>/<str:token>/",
        views.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("deliverables/", views.DeliverableListView.as_view(), name="deliverables"),
    path("deliverables/<uuid:pk>/", views.DeliverableDetailView.as_view(), name="deliverable"),
    path(
        "deliverables/<uuid:pk>/review/",
        views.DeliverableReviewView.as_view(),
        name="deliverable_review",
    ),
    path("shoots/", views.ShootListView.as_view(), name="shoots"),
    path("requests/", views.RequestListView.as_view(), name="requests"),
    path("requests/<uuid:pk>/", views.RequestDetailView.as_view(), name="request"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
]
