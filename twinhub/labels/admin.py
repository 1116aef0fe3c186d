"""Quality Labels in the admin: to look up; awarding, windows and policies go through the NSS pages."""

from django.contrib import admin

from twinhub.core.admin import ReadOnlyAdmin
from twinhub.labels.models import (
    ApplicationWindow,
    CountryLabelPolicy,
    EqlNomination,
    EqlSelection,
    Label,
    LabelApplication,
    SchoolLabelApplication,
)


@admin.register(Label)
class LabelAdmin(ReadOnlyAdmin):
    list_display = ["kind", "year", "country", "holder", "project", "school", "awarded_at"]
    list_filter = ["kind", "year", "country"]
    search_fields = ["verification_code", "holder__email", "project__title"]
    list_select_related = ["holder", "project", "school"]


@admin.register(LabelApplication)
class LabelApplicationAdmin(ReadOnlyAdmin):
    list_display = ["project", "applicant", "country", "year", "position_in_year", "submitted_at"]
    list_filter = ["year", "country"]
    search_fields = ["project__title", "applicant__email"]
    list_select_related = ["project", "applicant"]


@admin.register(ApplicationWindow)
class ApplicationWindowAdmin(ReadOnlyAdmin):
    list_display = ["country", "year", "opens_on", "closes_on", "created_by"]
    list_filter = ["year", "country"]


@admin.register(CountryLabelPolicy)
class CountryLabelPolicyAdmin(ReadOnlyAdmin):
    list_display = ["country", "national_projects_allowed", "max_applications_per_year", "max_members_from_country"]


@admin.register(EqlSelection)
class EqlSelectionAdmin(ReadOnlyAdmin):
    list_display = ["year", "state", "started_by", "confirmed_at"]


@admin.register(EqlNomination)
class EqlNominationAdmin(ReadOnlyAdmin):
    list_display = ["selection", "project", "country", "nominated_by", "created_at"]
    list_select_related = ["selection", "project", "nominated_by"]


@admin.register(SchoolLabelApplication)
class SchoolLabelApplicationAdmin(ReadOnlyAdmin):
    list_display = ["school", "year", "applicant", "status", "submitted_at"]
    list_filter = ["year", "status"]
    list_select_related = ["school", "applicant"]
