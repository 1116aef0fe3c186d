"""Audit actions and notification kinds written before the names followed one style
("<thing>.<what happened>"): stored rows are renamed, so the audit log and the notifications read one way. Plain
strings here: a migration keeps the names as they were when it was written."""

from django.db import migrations

AUDIT = {
    "label_window_create": "label_window.created",
    "label_policy_update": "label_policy.updated",
    "label_application_submit": "label_application.submitted",
    "label_application_assign": "label_application.assigned",
    "label_application_evaluate": "label_application.evaluated",
    "eql_selection_start": "eql_selection.started",
    "eql_nominate": "eql_nomination.created",
    "eql_confirm": "eql_selection.confirmed",
    "school_label_apply": "school_label_application.submitted",
    "school_label_decide": "school_label_application.decided",
}
NOTICES = {
    "label_decided": "label_application.decided",
    "label_assigned": "label_application.assigned",
    "eql_awarded": "label.eql_awarded",
}


def _rename(apps, audit: dict, notices: dict) -> None:
    audit_entry = apps.get_model("core", "AuditEntry")
    for old, new in audit.items():
        audit_entry.objects.filter(action=old).update(action=new)
    notification = apps.get_model("core", "Notification")
    for old, new in notices.items():
        notification.objects.filter(kind=old).update(kind=new)


def forward(apps, schema_editor):
    _rename(apps, AUDIT, NOTICES)


def backward(apps, schema_editor):
    _rename(apps, {new: old for old, new in AUDIT.items()}, {new: old for old, new in NOTICES.items()})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("labels", "0002_application_facts_and_decision_reason")]
    operations = [migrations.RunPython(forward, backward)]
