"""The help centre in the admin: to look up; articles are edited and requests answered on its pages."""

from django.contrib import admin

from twinhub.core.admin import ReadOnlyAdmin
from twinhub.helpcentre.models import Article, SupportMessage, SupportRequest


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ["title", "language", "country", "topic", "updated_at"]
    list_filter = ["language", "country"]
    search_fields = ["title", "slug"]


@admin.register(SupportRequest)
class SupportRequestAdmin(ReadOnlyAdmin):
    list_display = ["subject", "user", "country", "status", "assigned_to", "created_at"]
    list_filter = ["status", "country"]
    search_fields = ["subject", "user__email"]
    list_select_related = ["user", "assigned_to"]


@admin.register(SupportMessage)
class SupportMessageAdmin(ReadOnlyAdmin):
    list_display = ["request", "author", "from_staff", "created_at"]
    list_select_related = ["request", "author"]
