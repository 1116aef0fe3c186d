"""Writes the small old-platform export `make run`'s demo imports (twinhub/legacy/demo_export):
the test base's export (every anomaly of the format) plus one old account of the demo teacher, whose
project has TwinSpace content and Quality Labels waiting for their phases.

    TWINHUB_DEV=1 .venv/bin/python scripts/make-demo-export.py"""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinhub.settings")
django.setup()

from twinhub.testing.legacy_export import SCHOOLS, item, label, member, project, user, write_export  # noqa: E402

SCORES = {"pedagogical_innovation": 9, "curricular_integration": 8, "collaboration": 9, "use_of_technology": 8,
          "results_impact": 9}


def college(n, postcode, name="Collège Victor Hugo"):
    """Two registrations the import cannot tell apart (no number, a postcode missing, the name written
    otherwise): listed for the NSS (decision 0026)."""
    return {"legacy_id": f"S{n}", "name": name, "country": "FR", "region": "Grand Est",
            "city": "Strasbourg", "postcode": postcode, "school_type": "lower-secondary", "school_number": None,
            "created_at": "2008-03-01T00:00:00Z"}


write_export(
    ROOT / "twinhub" / "legacy" / "demo_export",
    schools=[*SCHOOLS, college(10, "67000"), college(11, None, 'Collège "Victor Hugo"')],
    # The demo teacher had an account on the old platform, typed with capitals there.
    extra_users=[user(30, "Teacher@Demo.TwinHub.test", "Ayşe", "Demir", schools=["S1"], registered="2014-09-01T08:00:00Z")],
    extra_projects=[project(10, ["U30", "U2"], title="Masallarla Kodlama – Coding Fairy Tales",
                            created="2019-10-01T09:00:00Z", status="closed")],
    extra_members=[member(10, 30, 1, "founder"), member(10, 2, 2, "founder")],
    extra_items=[item(40, "P10", "page", author="U30", title="Our fairy tales", body="<p>Stories we coded together.</p>",
                      created="2019-10-05T09:00:00Z"),
                 item(41, "P10", "forum_thread", author="U2", title="Which tale first?", body="<p>Pinocchio!</p>",
                      created="2019-10-06T09:00:00Z")],
    extra_labels=[label(40, "P10", "U30", year=2020, applied="2020-05-04T10:00:00Z", awarded="2020-09-15T10:00:00Z",
                        scores=SCORES),
                  label(41, "P10", "U30", label="european", year=2020, country="TR", applied="2020-05-04T10:00:00Z",
                        awarded="2020-12-01T10:00:00Z", scores=SCORES)],
)
print("written", ROOT / "twinhub" / "legacy" / "demo_export")
