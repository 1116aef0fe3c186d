from django.contrib import admin

from twinhub.projects.models import CountryProjectPolicy, Invitation, Project, ProjectMember


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "scope", "state", "created_at")
    list_filter = ("scope", "state")
    search_fields = ("title",)
    # The scope is decided once by `project_cofounder_accept` and is never edited (rule 2).
    readonly_fields = ("scope", "founder_countries", "state", "founder", "cofounder", "created_at", "activated_at")


@admin.register(ProjectMember)
class ProjectMemberAdmin(admin.ModelAdmin):
    list_display = ("project", "user", "role", "country")
    readonly_fields = ("project", "user", "school", "country", "joined_at")
    list_select_related = ("project", "user")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("project", "invitee", "status", "created_at")
    readonly_fields = ("project", "inviter", "invitee", "status", "created_at", "decided_at")
    list_select_related = ("project", "invitee")


@admin.register(CountryProjectPolicy)
class CountryProjectPolicyAdmin(admin.ModelAdmin):
    list_display = ("country", "require_nss_approval", "updated_at")
