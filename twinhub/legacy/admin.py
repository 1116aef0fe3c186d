from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from twinhub.core.admin import ReadOnlyAdmin
from twinhub.legacy.format import PHASE_NAMES
from twinhub.legacy.models import (
    LegacyFile,
    LegacyImportRun,
    LegacyItem,
    LegacyLabel,
    LegacyPhase,
    LegacyProject,
    LegacyPupil,
    LegacyRecord,
    LegacySchool,
    LegacyUser,
)
from twinhub.legacy.reader import ExportError, read_manifest
from twinhub.legacy.tasks import legacy_import_run


class ImportRunForm(forms.ModelForm):
    class Meta:
        model = LegacyImportRun
        fields = ["folder", "phases"]

    def clean_folder(self):
        folder = self.cleaned_data["folder"].strip()
        try:
            read_manifest(folder)
        except (ExportError, OSError) as error:
            raise forms.ValidationError(str(error)) from error
        return folder

    def clean_phases(self):
        phases = [p.strip() for p in self.cleaned_data["phases"].split(",") if p.strip()]
        unknown = sorted(set(phases) - set(PHASE_NAMES))
        if unknown:
            raise forms.ValidationError(_("Unknown phase: %(phases)s. Known: %(known)s.")
                                        % {"phases": ", ".join(unknown), "known": ", ".join(PHASE_NAMES)})
        return ",".join(phases)


@admin.register(LegacyImportRun)
class LegacyImportRunAdmin(admin.ModelAdmin):
    """Start an import of the old platform's export from the admin; a worker runs it."""

    form = ImportRunForm
    list_display = ["created_at", "folder", "phases", "status", "started_at", "finished_at"]
    readonly_fields = ["status", "requested_by", "created_at", "started_at", "finished_at", "output"]
    actions = ["start_again"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "folder", "phases"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.requested_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            legacy_import_run.delay(run_id=obj.pk)  # sent when the admin's transaction commits

    @admin.action(description=_("Start again (the import resumes after its last committed line)"))
    def start_again(self, request, queryset):
        for run in queryset.exclude(status=LegacyImportRun.Status.RUNNING):
            LegacyImportRun.objects.filter(pk=run.pk).update(status=LegacyImportRun.Status.QUEUED)
            legacy_import_run.delay(run_id=run.pk)

    def has_delete_permission(self, request, obj=None):
        return False


# The import's records: to look up what came from where; only the importer writes them.

@admin.register(LegacyPhase)
class LegacyPhaseAdmin(ReadOnlyAdmin):
    list_display = ["name", "state", "started_at", "finished_at"]


@admin.register(LegacyFile)
class LegacyFileAdmin(ReadOnlyAdmin):
    list_display = ["name", "phase", "lines_done", "imported", "merged", "rejected", "done"]


@admin.register(LegacyRecord)
class LegacyRecordAdmin(ReadOnlyAdmin):
    list_display = ["file", "line", "legacy_id", "outcome", "reason"]
    list_filter = ["outcome", "file"]
    search_fields = ["legacy_id"]


@admin.register(LegacySchool)
class LegacySchoolAdmin(ReadOnlyAdmin):
    list_display = ["legacy_id", "school", "merged_into"]
    search_fields = ["legacy_id"]
    list_select_related = ["school"]


@admin.register(LegacyUser)
class LegacyUserAdmin(ReadOnlyAdmin):
    list_display = ["legacy_id", "email", "country", "status", "account", "claimed_at"]
    list_filter = ["status", "country"]
    search_fields = ["legacy_id", "email"]
    list_select_related = ["account"]


@admin.register(LegacyProject)
class LegacyProjectAdmin(ReadOnlyAdmin):
    list_display = ["legacy_id", "project", "full_title"]
    search_fields = ["legacy_id", "full_title"]
    list_select_related = ["project"]


@admin.register(LegacyPupil)
class LegacyPupilAdmin(ReadOnlyAdmin):
    list_display = ["legacy_id", "pupil"]
    list_select_related = ["pupil"]


@admin.register(LegacyItem)
class LegacyItemAdmin(ReadOnlyAdmin):
    list_display = ["legacy_id", "kind", "object_id", "full_title"]
    list_filter = ["kind"]


@admin.register(LegacyLabel)
class LegacyLabelAdmin(ReadOnlyAdmin):
    list_display = ["legacy_id", "kind", "status", "country", "year", "project", "label"]
    list_filter = ["kind", "status", "year"]
