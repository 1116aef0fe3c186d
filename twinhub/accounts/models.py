import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from twinhub.accounts.addresses import normalize_email
from twinhub.accounts.choices import SchoolRole
from twinhub.geography.countries import country_choices


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        email = normalize_email(email)
        user = self.model(email=email, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


def photo_path(user: "User", filename: str) -> str:
    return f"photos/{uuid.uuid4().hex}.jpg"


def display_name_of(first_name: str, last_name: str, email: str) -> str:
    """How a person is named on pages: their name, or the start of their e-mail address. Also for
    rows read as values, without a User (the validation queue)."""
    return f"{first_name} {last_name}".strip() or email.split("@")[0]


class User(AbstractUser):
    """A platform account. Identity only: being an eTwinner is a matter of `Profile`
    and an approved school membership (see `twinhub.schools.rules`)."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES)
    # Changed to end every session of the account except the one that changes it (removing an
    # address, issue 12); a password change ends them through the password hash already.
    session_stamp = models.CharField(max_length=32, blank=True, default="", editable=False)
    # The profile photo: a square JPEG made by `services.profile_photo_set`, stored under a name
    # nobody can guess and served by the `user_photo` view (core/files.py), never from a public URL.
    photo = models.FileField(upload_to=photo_path, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    @property
    def profile_photo_url(self) -> str:
        """Where the avatar component finds the photo ("" for the initials); the name changes with
        the photo, so browsers may keep it."""
        if not self.photo:
            return ""
        return reverse("user_photo", args=[self.pk]) + "?v=" + self.photo.name.rsplit("/", 1)[-1][:8]

    @property
    def display_name(self) -> str:
        return display_name_of(self.first_name, self.last_name, self.email)

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)  # before the form's uniqueness check (the admin)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.display_name

    def _get_session_auth_hash(self, secret=None):
        # Django signs each session with a hash of the password; the stamp joins it. An empty stamp
        # gives Django's own hash, so sessions made before the stamp existed stay valid.
        if not self.session_stamp:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac("twinhub.accounts.User.session", f"{self.password}:{self.session_stamp}",
                           secret=secret, algorithm="sha256").hexdigest()


class Profile(models.Model):
    """The eTwinning profile, made by "Join eTwinning". No profile: not (yet) an eTwinning member."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("role at school"), max_length=20, choices=SchoolRole.choices, default=SchoolRole.TEACHER)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, db_index=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    age_ranges = models.JSONField(_("pupils' age ranges"), default=list, blank=True)
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    available_for_projects = models.BooleanField(_("Available for eTwinning projects"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("eTwinning profile")
        verbose_name_plural = _("eTwinning profiles")

    def __str__(self):
        return f"{self.user} ({self.country})"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Not revoked and not expired."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the raw value is shown once."""

    PREFIX = "th_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # What it may do (TokenScope values, chosen at creation) and until when (None: until revoked).
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, *, user, name: str, scopes: list[str], expires_at=None) -> tuple["ApiToken", str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=_hash_token(raw), hint=raw[:8],
                                   scopes=list(scopes), expires_at=expires_at)
        return token, raw

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    @classmethod
    def find_active(cls, raw: str) -> "ApiToken | None":
        return cls.objects.active().select_related("user").filter(key_hash=_hash_token(raw)).first()
