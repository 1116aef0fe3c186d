"""Groups, partner-finding posts and reports, built through the real services."""

from datetime import timedelta

from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.groups import services
from twinhub.groups.models import Group, GroupPost, PartnerPost

# What each role may do in an active group, written out by hand: a change to the code's table
# (twinhub.groups.rules.PERMISSIONS) must change this too.
EXPECTED_PERMISSIONS = {
    "moderator": {"view_card", "view", "leave", "thread_start", "reply", "page_write", "material_upload", "report",
                  "moderate", "manage_members", "archive"},
    "staff": {"view_card", "view", "join", "report", "moderate", "manage_members", "archive"},
    "member": {"view_card", "view", "leave", "thread_start", "reply", "page_write", "material_upload", "report"},
    "outsider": {"view_card", "join"},
    "anonymous": set(),
}


def make_group(nss: User, *, title: str = "STEM teachers", policy: str = "open", country: str = "TR",
               topic: str = "science", language: str = "en", members=()) -> Group:
    """An active group created by an NSS (its first moderator); `members` join it (open policy)."""
    group = services.group_create(actor=nss, title=title, description=f"About {title}.", topic=topic,
                                  language=language, join_policy=policy, country=country)
    for member in members:
        if policy == "invitation":
            services.group_invite(actor=nss, group_id=group.pk, user_id=member.pk)
        services.group_join(user=member, group_id=group.pk)
    group.refresh_from_db()
    return group


def start_thread(group: Group, author: User, *, title: str = "Hello", body: str = "<p>First post</p>") -> GroupPost:
    """A discussion in the group; returns its first post."""
    thread = services.thread_create(user=author, group_id=group.pk, title=title, body_html=body)
    return thread.posts.get()


def make_partner_post(author: User, *, title: str = "Water around us", subjects=("science",),
                      age_ranges=("11-14",), languages=("en",), countries_wanted=()) -> PartnerPost:
    today = timezone.localdate()
    return services.partner_post_create(author=author, title=title, idea=f"{title}: let us measure it together.",
                                        subjects=list(subjects), age_ranges=list(age_ranges),
                                        languages=list(languages), countries_wanted=list(countries_wanted),
                                        period_start=today, period_end=today + timedelta(days=120))


# Who may change one page or material of an active group, by (what, change), written out by hand
# from the rule (twinhub.groups.rules.CONTENT_CHANGES): "author" is a member who wrote it.
EXPECTED_CONTENT_CHANGES = {
    "edit": {"moderator", "staff", "author"},
    "hide": {"moderator", "staff"},
    "show": {"moderator", "staff"},
    "remove": {"moderator", "staff", "author"},
    "report": {"moderator", "staff", "member"},  # not its own author; outsiders do not see it
}


def add_page(group: Group, author: User, *, title: str = "Our plan", body: str = "<p>Week 1: hello</p>"):
    return services.page_create(user=author, group_id=group.pk, title=title, body_html=body)


def add_material(group: Group, author: User, *, name: str = "Our photo"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from twinhub.testing.files import image_bytes

    upload = SimpleUploadedFile("photo.png", image_bytes(), content_type="image/png")
    return services.material_upload(user=author, group_id=group.pk, upload=upload, name=name)
