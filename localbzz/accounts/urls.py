"""Sign in (password, then the second factor), sign out, password reset, MFA settings."""

from django.urls import path

from . import mfa_views, preferences, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("preferences/", preferences.preferences, name="preferences"),
    path("mfa/", mfa_views.settings_page, name="mfa"),
    path("mfa/verify/", mfa_views.verify, name="mfa_verify"),
    path("mfa/setup/", mfa_views.setup, name="mfa_setup"),
    path("confirm/", mfa_views.reauthenticate, name="reauth"),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
