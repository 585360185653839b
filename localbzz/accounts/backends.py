"""Authentication by case-insensitive email."""

from django.contrib.auth.backends import ModelBackend

from .models import User, UserManager


class EmailBackend(ModelBackend):
    """Signs a user in by email in any letter case, with the usual password check."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = email or username or kwargs.get(User.USERNAME_FIELD)
        if not login or password is None:
            return None
        try:
            user = User.objects.get(email=UserManager.normalize_email(login))
        except User.DoesNotExist:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
