"""Audit actions written before the names followed one style
("<thing>.<what happened>"): stored rows are renamed, so the audit log reads one way. Plain
strings here: a migration keeps the names as they were when it was written."""

from django.db import migrations

AUDIT = {
    "projects.policy_set": "project_policy.updated",
    "project.close": "project.closed",
    "project.reopen": "project.reopened",
    "project.archive": "project.archived",
}
NOTICES = {}


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
    dependencies = [("core", "0001_initial"), ("projects", "0002_countryprojectpolicy_invitation")]
    operations = [migrations.RunPython(forward, backward)]
