"""Stored audit actions and notification kinds move to the one style (labels' migration 0003)."""

import importlib

import pytest
from django.apps import apps

from twinhub.core.models import AuditEntry, Notification
from twinhub.labels.codes import LabelAudit, LabelNotice
from twinhub.testing import make_teacher

migration = importlib.import_module("twinhub.labels.migrations.0003_audit_actions_and_notification_kinds_in_one_style")

pytestmark = pytest.mark.django_db


def test_old_names_are_renamed_and_back():
    teacher = make_teacher()
    entry = AuditEntry.objects.create(action="eql_confirm", object_type="labels.eqlselection", object_id="1")
    Notification.objects.create(user=teacher, kind="label_decided", params={"project": "Sea", "status": "awarded"})
    migration.forward(apps, None)
    assert AuditEntry.objects.get(pk=entry.pk).action == LabelAudit.EQL_SELECTION_CONFIRMED
    notification = Notification.objects.get(user=teacher)
    assert notification.kind == LabelNotice.APPLICATION_DECIDED and "Sea" in notification.text
    migration.backward(apps, None)
    assert AuditEntry.objects.get(pk=entry.pk).action == "eql_confirm"
