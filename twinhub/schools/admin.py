from django.contrib import admin

from twinhub.schools.models import Membership, School


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["public_name", "country", "region", "city", "school_number"]
    list_filter = ["country", "school_type"]
    search_fields = ["public_name", "legal_name", "school_number", "city"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    # Decisions go through the validation queue (audited); the admin only reads them.
    list_display = ["user", "school", "status", "requested_at", "decided_at", "principal_answer"]
    list_filter = ["status", "school__country"]
    raw_id_fields = ["user", "school", "decided_by"]
    readonly_fields = ["status", "decided_at", "decided_by", "reason", "principal_answer", "principal_token"]
