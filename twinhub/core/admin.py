from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from twinhub.core.models import AuditEntry, OutboxEmail
from twinhub.core.outbox import outbox_email_retry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor__email"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Operators see what is queued and what failed, and can send a failed e-mail again."""

    list_display = ["created_at", "status", "recipients", "subject", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["recipients", "subject", "request_id"]
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    actions = ["send_again"]

    @admin.action(description=_("Send again (a fresh set of attempts)"))
    def send_again(self, request, queryset):
        for email_id in queryset.exclude(status=OutboxEmail.Status.SENT).values_list("pk", flat=True):
            outbox_email_retry(email_id=email_id)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the platform's services write (with their rules and audit rows): the site
    administrator looks them up here, and changes them only through the pages and the API."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
