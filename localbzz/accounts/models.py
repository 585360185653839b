"""The user: email is the login, ``role`` decides what the user may do."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from localbzz.accounts.revocation import revoke_api_keys, revoke_refresh_tokens
from localbzz.accounts.timezones import validate_time_zone
from localbzz.db import choices_constraint, optional_fk


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    TEAM = "team", "Team member"
    CLIENT = "client", "Client"


class UserManager(BaseUserManager):
    """Creates users with a normalised (lower-case) email."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        return (email or "").strip().lower()

    def get_by_natural_key(self, username):
        return self.get(email__iexact=self.normalize_email(username))

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("role", Role.TEAM)
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: an admin, a team member or a client's contact."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(max_length=254, unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.TEAM, db_index=True)
    team_member = optional_fk("team.TeamMember", related_name="user", one_to_one=True)
    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.CASCADE, related_name="users"
    )
    #: times are shown in this IANA zone; empty: the agency's (the TIME_ZONE setting)
    time_zone = models.CharField(
        max_length=64, blank=True, default="", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            choices_constraint("role", Role, "user_role_valid"),
            models.CheckConstraint(
                condition=Q(role=Role.CLIENT, client__isnull=False)
                | (~Q(role=Role.CLIENT) & Q(client__isnull=True)),
                name="user_client_iff_client_role",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.CLIENT) | Q(team_member__isnull=True),
                name="user_client_has_no_team_member",
            ),
        ]

    def __str__(self):
        return self.email

    # --- API sessions end with the password or the account --------------------------------
    def set_password(self, raw_password):
        super().set_password(raw_password)
        self._revoke_tokens = True

    def set_unusable_password(self):
        super().set_unusable_password()
        self._revoke_tokens = True

    def save(self, *args, **kwargs):
        """Saves; a changed password or an inactive account revokes the refresh tokens, an
        inactive account its API keys too."""
        revoke = not self._state.adding and (
            getattr(self, "_revoke_tokens", False) or not self.is_active
        )
        super().save(*args, **kwargs)
        self._revoke_tokens = False
        if revoke:
            revoke_refresh_tokens(self)
        if not self.is_active:
            revoke_api_keys(self)

    def clean(self):
        super().clean()
        self.email = UserManager.normalize_email(self.email)
        if self.role == Role.CLIENT and not self.client_id:
            raise ValidationError({"client": "A client user must belong to a client."})
        if self.role != Role.CLIENT and self.client_id:
            raise ValidationError({"client": "Only client users belong to a client."})
        if self.role == Role.CLIENT and self.team_member_id:
            raise ValidationError({"team_member": "A client user cannot be a team member."})
        if self.role == Role.CLIENT and (self.is_staff or self.is_superuser):
            raise ValidationError({"role": "A client user cannot have admin access."})
        if self.email:
            clash = User.objects.filter(email__iexact=self.email).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"email": "A user with this email already exists."})

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_admin(self) -> bool:
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def is_team(self) -> bool:
        return self.is_active and self.role == Role.TEAM

    @property
    def is_agency_staff(self) -> bool:
        """Admins and team members: the people who use the dashboard."""
        return self.is_admin or self.is_team

    @property
    def is_client(self) -> bool:
        return self.is_active and self.role == Role.CLIENT


class ApiKey(models.Model):
    """An integrator's key (``Authorization: Api-Key <key>``): named, scoped to a role,
    hashed at rest (SHA-256 of a 256-bit random secret: no slow hash needed), revocable.

    A key acts for ``user`` (the person or service account it was issued to), never with more
    rights than its ``role``: a team-scoped key of an admin acts as a team member.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, editable=False, help_text="Shown to tell keys apart.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    role = models.CharField(max_length=10, choices=[(Role.TEAM, "Team"), (Role.ADMIN, "Admin")])
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    created_by = optional_fk(User, related_name="+")
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[Role.TEAM, Role.ADMIN]), name="api_key_role_valid"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


from localbzz.accounts.otp import RecoveryCode, RecoveryCodeDevice, TotpDevice  # noqa: E402, F401
