"""Groups (thematic spaces of teachers), the partner-finding forum and moderation reports.

A group's discussions, pages and materials are the TwinSpace's building blocks (`PageBlock`,
`ThreadBlock`, `PostBlock`, `MaterialBlock`) held by a group instead of a project (decision 27)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinhub.projects.models import Project
from twinhub.twinspace.models import MaterialBlock, PageBlock, PostBlock, ThreadBlock


class GroupState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the National Support Service")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")
    REJECTED = "rejected", _("Not approved")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open to all registered users")
    ETWINNERS = "etwinners", _("eTwinners only")
    INVITATION = "invitation", _("By invitation or request")


class Group(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    topic = models.CharField(_("topic"), max_length=40)          # a subject code (accounts.choices.SUBJECTS)
    language = models.CharField(_("language"), max_length=8)     # a language code (accounts.choices.LANGUAGES)
    # The country whose NSS approved or created it; "" for a European group made by the CSS.
    country = models.CharField(_("country"), max_length=2, blank=True)
    join_policy = models.CharField(_("who can join"), max_length=12, choices=JoinPolicy.choices,
                                   default=JoinPolicy.OPEN)
    state = models.CharField(max_length=10, choices=GroupState.choices, default=GroupState.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decision_reason = models.TextField(blank=True)
    member_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["state", "-last_activity_at"]),
                   models.Index(fields=["state", "language", "topic"])]

    def __str__(self):
        return self.title


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    status = models.CharField(max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    is_moderator = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_moderator", "joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="group_membership_unique")]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user_id} in {self.group_id} ({self.status})"


class GroupThread(ThreadBlock):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")

    class Meta:
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["group", "-last_post_at"])]


class GroupPost(PostBlock):
    thread = models.ForeignKey(GroupThread, on_delete=models.CASCADE, related_name="posts")

    class Meta:
        ordering = ["created_at", "id"]


class GroupPage(PageBlock):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="pages")

    class Meta:
        ordering = ["position", "id"]


class GroupMaterial(MaterialBlock):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="materials")

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def storage_folder(self) -> str:
        return f"groups/{self.group_id}"


class GroupActivity(models.Model):
    """The group's feed; text rendered at display time from `kind` and `params`."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="activity")
    kind = models.CharField(max_length=40)
    actor_name = models.CharField(max_length=160)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "-created_at"])]

    def __str__(self):
        return f"{self.kind} in {self.group_id}"


# --- Partner finding ----------------------------------------------------------------------------

class PartnerPostState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed: partners found")


class PartnerPost(models.Model):
    """ "Looking for partners": visible to eTwinners until it expires (the author can renew)."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_posts")
    author_country = models.CharField(max_length=2)
    title = models.CharField(_("title"), max_length=200)
    idea = models.TextField(_("project idea"), max_length=4000)
    subjects = models.JSONField(_("subjects"), default=list)
    age_ranges = models.JSONField(_("pupils' ages"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    countries_wanted = models.JSONField(_("countries wanted"), default=list)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    state = models.CharField(max_length=8, choices=PartnerPostState.choices, default=PartnerPostState.OPEN)
    is_hidden = models.BooleanField(default=False)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)  # the author was told it expires soon
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.TextField(blank=True)  # lower-cased title and idea, for text search

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "is_hidden", "expires_at", "-created_at"])]

    def __str__(self):
        return self.title


class PartnerAnswer(models.Model):
    """One teacher's conversation with a post's author about it."""

    post = models.ForeignKey(PartnerPost, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["post", "author"], name="partner_answer_one_per_author")]

    def __str__(self):
        return f"{self.author_id} on {self.post_id}"


class PartnerMessage(models.Model):
    answer = models.ForeignKey(PartnerAnswer, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=5000)  # plain text, escaped when shown
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.sender_id} @ {self.answer_id}"


# --- Moderation ---------------------------------------------------------------------------------

class ReportTarget(models.TextChoices):
    GROUP_POST = "group_post", _("Group post")
    GROUP_PAGE = "group_page", _("Group page")
    GROUP_MATERIAL = "group_material", _("Group material")
    PARTNER_POST = "partner_post", _("Partner-finding post")
    TWINSPACE_POST = "twinspace_post", _("TwinSpace forum post")
    TWINSPACE_PAGE = "twinspace_page", _("TwinSpace page")
    TWINSPACE_MATERIAL = "twinspace_material", _("TwinSpace material")
    PROFILE = "profile", _("Profile")


class ReportState(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    KEEP = "keep", _("Keep")
    HIDE = "hide", _("Hide")
    REMOVE = "remove", _("Remove")
    WARN = "warn", _("Warn the author")


class Report(models.Model):
    """A report of content or a profile. Where it was written decides who may see and decide it:
    a group's moderators, the project's teachers, and the NSS of the author's country. A pupil's
    words are never copied here (`excerpt` stays empty): they are seen only inside the TwinSpace."""

    target = models.CharField(max_length=20, choices=ReportTarget.choices)
    target_id = models.PositiveBigIntegerField()
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_is_pupil = models.BooleanField(default=False)
    author_country = models.CharField(max_length=2, blank=True)
    excerpt = models.TextField(blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    state = models.CharField(max_length=8, choices=ReportState.choices, default=ReportState.OPEN)
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("note to the author and reporter"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["reporter", "target", "target_id"],
                                               condition=Q(state="open"), name="report_one_open_per_reporter")]
        indexes = [models.Index(fields=["state", "author_country", "-created_at"]),
                   models.Index(fields=["state", "group", "-created_at"]),
                   models.Index(fields=["state", "project", "-created_at"])]

    def __str__(self):
        return f"report {self.pk} of {self.target} {self.target_id}"
