from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from twinhub.geography.countries import country_choices


class Article(models.Model):
    """A knowledge-base article in one language, for every country (`country` empty) or one."""

    slug = models.SlugField(_("slug"), max_length=80)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True,
                               help_text=_("Empty: shown in every country."))
    topic = models.CharField(_("topic"), max_length=40, blank=True,
                             help_text=_("The “Why can't I…?” answer this article explains, if any."))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; blank lines separate paragraphs."))
    helpful_yes = models.PositiveIntegerField(default=0, editable=False)
    helpful_no = models.PositiveIntegerField(default=0, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("help article")
        verbose_name_plural = _("help articles")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["slug", "language", "country"], name="article_unique")]

    def __str__(self):
        return self.title


class ArticleVote(models.Model):
    """One "was this helpful?" answer per reader and article, so counts can't be stuffed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="article_vote_once")]

    def __str__(self):
        return f"{self.article_id}: {self.helpful}"


class SupportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting_for_user", _("Answered, waiting for the teacher")
    RESOLVED = "resolved", _("Resolved")


class SupportRequest(models.Model):
    """A question for the user's country's National Support Service."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_requests")
    country = models.CharField(_("country"), max_length=2, choices=country_choices, db_index=True)
    subject = models.CharField(pgettext_lazy("message", "subject"), max_length=200)
    body = models.TextField(_("your question"), max_length=5000)
    # The "Why can't I…?" findings at the time of asking, attached only with the user's consent.
    diagnostic = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=SupportStatus.choices, default=SupportStatus.OPEN)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="assigned_support_requests")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["country", "status", "created_at"])]

    def __str__(self):
        return self.subject


class SupportMessage(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=5000)
    from_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support message")
        verbose_name_plural = _("support messages")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request_id}: {self.body[:40]}"


class DashboardExport(models.Model):
    """A CSV export of one dashboard table, asked for on the page and built by a task (decision 15);
    the person who asked downloads it when it is ready."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    table = models.CharField(max_length=16)
    country = models.CharField(max_length=2, blank=True)
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    content = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.table}.csv ({self.status})"

    TITLES = {"pending": _("Pending memberships by region and waiting time"),
              "projects": _("Projects created per week"), "labels": _("Quality Label pipeline"),
              "support": _("Support queue load")}

    @property
    def title(self) -> str:
        return str(self.TITLES.get(self.table, self.table))
