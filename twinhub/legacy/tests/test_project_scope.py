"""Rule 2 for imported projects: the same rule on the same input as a new project's — the
countries of the schools the two founders joined the project with — not their accounts' countries."""

import pytest

from twinhub.legacy.models import LegacyProject
from twinhub.testing.legacy_export import member, project, write_export

pytestmark = pytest.mark.django_db


def test_the_founders_schools_decide_the_scope(tmp_path, run_import):
    folder = write_export(tmp_path / "x", extra_projects=[
        project(6, ["U1", "U4"], title="Turkish teachers, one in a school in Italy"),
        project(7, ["U1", "U2"], title="An Italian teacher in a Turkish school"),
        project(8, ["U4", "U1"], title="A founder's membership line was lost"),
    ], extra_members=[
        member(6, 1, 1, "founder"), member(6, 4, 2, "founder"),   # S1 Türkiye, S2 Italy
        member(7, 1, 1, "founder"), member(7, 2, 1, "founder"),   # both with S1 (Türkiye)
        member(8, 1, 2, "founder"),                               # U4's line lost: U4's own country
    ])
    run_import(folder=folder)
    scopes = {lid: (p.scope, p.founder_countries) for lid, p in
              ((row.legacy_id, row.project) for row in LegacyProject.objects.select_related("project"))}
    assert scopes["P6"] == ("european", ["TR", "IT"])
    assert scopes["P7"] == ("national", ["TR", "TR"])
    assert scopes["P8"] == ("european", ["TR", "IT"])
    assert scopes["P1"] == ("national", ["TR", "TR"]) and scopes["P2"][0] == "european"
