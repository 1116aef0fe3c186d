"""Audit actions written before the names followed one style
("<thing>.<what happened>"): stored rows are renamed, so the audit log reads one way. Plain
strings here: a migration keeps the names as they were when it was written."""

from django.db import migrations

AUDIT = {
    "profile.availability": "profile.availability_changed",
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
    dependencies = [("core", "0001_initial"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
