"""Distinct schools stay distinct (decision 0026): the import merges re-registered schools only on
evidence, exactly as many as the export's generator planted, on several seeds and scales; doubtful
pairs are kept apart and listed for the National Support Service."""

import pytest

from twinhub.legacy.models import LegacyRecord, LegacySchool
from twinhub.schools.models import PossibleDuplicate, School
from twinhub.testing.legacy_schools import write_school_export

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed, scale", [(1, 0.5), (2, 1), (3, 1), (4, 2)])
def test_merges_equal_the_planned_re_registrations_and_twins_stay_apart(tmp_path, run_import, seed, scale):
    folder, plan = write_school_export(tmp_path / f"s{seed}", seed=seed, scale=scale)

    run_import("--phase", "accounts", folder=folder)

    merged = LegacyRecord.objects.filter(file="schools.jsonl.gz", reason="school_reregistered").count()
    assert merged == plan["school_reregistered"]
    lines = LegacySchool.objects.count()
    assert School.objects.count() == lines - merged
    assert PossibleDuplicate.objects.count() == plan["school_twin_doubtful"]
    assert LegacyRecord.objects.filter(reason="school_possible_duplicate").count() == plan["school_twin_doubtful"]


def test_two_colleges_of_the_same_name_in_strasbourg_stay_two_schools(tmp_path, run_import):
    def school(n, **fields):
        return {"legacy_id": f"S{n}", "name": "Collège Victor Hugo", "country": "FR", "region": "Grand Est",
                "city": "Strasbourg", "postcode": "67000", "school_type": "lower-secondary", "school_number": None,
                "created_at": "2010-01-01T00:00:00Z", **fields}

    from twinhub.testing.legacy_export import write_export

    folder = write_export(tmp_path / "x", schools=[
        school(1),
        school(2, postcode="67100"),                      # another postcode: another school
        school(3, postcode=None),                          # no postcode: cannot tell (doubtful)
        school(4, name="COLLÈGE VICTOR HUGO (Strasbourg)"),  # S1 again: same postcode
        school(5, school_type="upper-secondary"),          # another type: another school
        school(6, school_number="0670001A"),               # a number the others lack: another school
    ])
    run_import("--phase", "accounts", folder=folder)

    by_id = dict(LegacySchool.objects.values_list("legacy_id", "school_id"))
    assert by_id["S4"] == by_id["S1"]
    assert len({by_id[s] for s in ("S1", "S2", "S3", "S5", "S6")}) == 5
    pairs = {(p.school_id, p.duplicate_id) for p in PossibleDuplicate.objects.all()}
    assert pairs == {(by_id["S1"], by_id["S3"]), (by_id["S2"], by_id["S3"])}
    assert School.objects.get(pk=by_id["S2"]).postcode == "67100"
