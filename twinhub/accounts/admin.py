from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from twinhub.accounts.models import ApiToken, Profile, User
from twinhub.accounts.provisioning import address_mark_verified


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal", {"fields": ["first_name", "last_name", "language"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        """An administrator vouches for the address they type: it is verified, like an operator's
        (`twinhub create-account`), and attaches the old-platform data it names (decision 0025)."""
        super().save_model(request, obj, form, change)
        if not change or "email" in form.changed_data:
            address_mark_verified(user=obj, email=obj.email)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "country", "role", "available_for_projects", "joined_at"]
    list_filter = ["country", "role", "available_for_projects"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "hint"]
    raw_id_fields = ["user"]
