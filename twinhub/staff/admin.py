from django.contrib import admin

from twinhub.staff.models import StaffRole


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "country", "region", "listed_in_directory"]
    list_filter = ["kind", "country"]
    search_fields = ["user__email", "region"]
    raw_id_fields = ["user"]
