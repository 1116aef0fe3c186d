"""The demo's old-platform data (`make run`): a small export shipped with TwinHub
(`demo_export/`, written by scripts/make-demo-export.py), its accounts and projects phases
imported, its TwinSpaces and labels phases still to come, on planned dates (rule 5)."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from twinhub.legacy.models import LegacyPhase, PhaseState

DEMO_EXPORT = Path(__file__).resolve().parent / "demo_export"
# The old addresses a newcomer can use at the EU Login stand-in to find "their" old data.
DEMO_OLD_ADDRESSES = ("ayse.yildirim12@gmail.com", "İLKER.ŞAHİN12@GMAİL.COM", "giulia.rossi@libero.it")
PLANNED_IN_DAYS = {"twinspaces": 21, "labels": 45}


def seed_old_platform() -> None:
    """Import the first two phases once, and announce when the other two run."""
    done = set(LegacyPhase.objects.filter(state=PhaseState.DONE).values_list("name", flat=True))
    if not {"accounts", "projects"} <= done:
        call_command("import_legacy", str(DEMO_EXPORT), "--phase", "accounts", "--phase", "projects",
                     "--no-progress", stdout=StringIO())
    today = timezone.localdate()
    for phase, days in PLANNED_IN_DAYS.items():
        LegacyPhase.objects.filter(name=phase, planned_for__isnull=True).exclude(state=PhaseState.DONE).update(
            planned_for=today + timedelta(days=days))
