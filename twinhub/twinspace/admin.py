"""TwinSpaces in the admin: to look up; content is written in the TwinSpace (sanitised, permission-checked)."""

from django.contrib import admin

from twinhub.core.admin import ReadOnlyAdmin
from twinhub.twinspace.models import Guest, Material, Meeting, Page, Post, Pupil, Thread, TwinSpace


@admin.register(TwinSpace)
class TwinSpaceAdmin(ReadOnlyAdmin):
    list_display = ["project", "content_state", "storage_used", "created_at"]
    list_filter = ["content_state"]
    search_fields = ["project__title"]
    list_select_related = ["project"]


@admin.register(Pupil)
class PupilAdmin(ReadOnlyAdmin):
    list_display = ["alias", "project", "is_active", "created_at"]
    exclude = ["login_key"]
    list_select_related = ["project"]


@admin.register(Guest)
class GuestAdmin(ReadOnlyAdmin):
    list_display = ["email", "project", "invited_by", "created_at"]
    list_select_related = ["project", "invited_by"]


@admin.register(Page)
class PageAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "is_public", "is_hidden", "updated_at"]
    list_select_related = ["project"]


@admin.register(Material)
class MaterialAdmin(ReadOnlyAdmin):
    list_display = ["name", "project", "kind", "size", "is_hidden", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["project"]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "is_hidden", "last_post_at"]
    list_select_related = ["project"]


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["thread", "author_user", "author_pupil", "is_hidden", "created_at"]
    list_select_related = ["thread", "author_user", "author_pupil"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "starts_at", "duration_minutes"]
    list_select_related = ["project"]
