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
    assert plan["school_reregistered"] and plan["school_twin_distinct"]
    listed = plan["school_twin_doubtful"] + 2 * plan["school_reregistered_ambiguous"]
    assert PossibleDuplicate.objects.count() == listed
    assert LegacyRecord.objects.filter(reason="school_possible_duplicate").count() == (
        plan["school_twin_doubtful"] + plan["school_reregistered_ambiguous"])


def test_the_planted_kinds_all_occur_in_the_fixture_generator():
    from twinhub.testing.legacy_schools import generate_schools

    plans = [generate_schools(seed=seed, scale=scale)[1] for seed, scale in [(1, 0.5), (2, 1), (3, 1), (4, 2)]]
    assert all(sum(plan[kind] for plan in plans) >= 2 for kind in plans[0])


def test_two_colleges_of_the_same_name_in_strasbourg_stay_two_schools(tmp_path, run_import):
    def school(n, **fields):
        return {"legacy_id": f"S{n}", "name": "Collège Victor Hugo", "country": "FR", "region": "Grand Est",
                "city": "Strasbourg", "postcode": "67000", "school_type": "lower-secondary", "school_number": None,
                "created_at": "2010-01-01T00:00:00Z", **fields}

    from twinhub.testing.legacy_export import write_export

    folder = write_export(tmp_path / "x", schools=[
        school(1),
        school(2, postcode="67100"),                       # another postcode: another school
        school(3, postcode=None),                           # the same name typed identically: another school
        school(4, name="COLLÈGE VICTOR HUGO (Strasbourg)"),  # S1 again: same postcode
        school(5, school_type="upper-secondary"),           # another type: another school
        school(6, school_number="0670001A"),                # a number the others lack: another school
        school(7, name='Collège "Victor Hugo"', postcode=None),  # written otherwise: cannot tell, listed
        school(8, name="collège  victor hugo", postcode=None),   # re-typed, no postcode, three namesakes: listed
    ])
    run_import("--phase", "accounts", folder=folder)

    by_id = dict(LegacySchool.objects.values_list("legacy_id", "school_id"))
    assert by_id["S4"] == by_id["S1"]
    assert len({by_id[s] for s in ("S1", "S2", "S3", "S5", "S6", "S7", "S8")}) == 7
    pairs = {(p.school_id, p.duplicate_id) for p in PossibleDuplicate.objects.all()}
    assert pairs == {(by_id[a], by_id["S7"]) for a in ("S1", "S2", "S3")} | {
        (by_id[a], by_id["S8"]) for a in ("S1", "S2", "S3", "S7")}
    assert School.objects.get(pk=by_id["S2"]).postcode == "67100"


def _school(n, name, **fields):
    return {"legacy_id": f"S{n}", "name": name, "country": "PT", "region": "Norte", "city": "Porto",
            "postcode": "4000-001", "school_type": "primary", "school_number": None,
            "created_at": "2010-01-01T00:00:00Z", **fields}


@pytest.mark.parametrize("again", [
    _school(2, "EB1 de Porto nº 5 (Porto)", postcode=None),  # a name ending in the city, the city appended
    _school(2, "EB1 DE PORTO Nº 5", postcode=None),           # upper case, the postcode dropped
    _school(2, "EB1 de Porto nº 5 ", postcode=None),          # a trailing space, kept as typed
    _school(2, "EB1  de Porto nº 5", postcode=None),          # a doubled space
])
def test_a_school_registered_again_without_a_postcode_is_merged_when_it_has_no_namesake(
        tmp_path, run_import, again):
    from twinhub.testing.legacy_export import write_export

    folder = write_export(tmp_path / "x", schools=[_school(1, "EB1 de Porto nº 5"), again])
    run_import("--phase", "accounts", folder=folder)

    assert LegacySchool.objects.get(legacy_id="S2").merged_into == "S1"
    assert School.objects.count() == 1 and not PossibleDuplicate.objects.exists()


def test_a_school_without_a_postcode_on_either_side_registered_again_is_merged(tmp_path, run_import):
    from twinhub.testing.legacy_export import write_export

    folder = write_export(tmp_path / "x", schools=[
        _school(1, "Central Middle School", city="Kaunas", postcode=None),
        _school(2, "Central Middle School (Kaunas)", city="Kaunas", postcode=None),
        _school(3, "Central Middle School", city="Kaunas", postcode=None),  # typed identically: a namesake
    ])
    run_import("--phase", "accounts", folder=folder)

    rows = dict(LegacySchool.objects.values_list("legacy_id", "merged_into"))
    assert rows == {"S1": "", "S2": "S1", "S3": ""}
    assert School.objects.count() == 2 and not PossibleDuplicate.objects.exists()


@pytest.mark.parametrize("batch", [1, 1000])
def test_where_the_batches_fall_does_not_change_what_merges(tmp_path, run_import, settings, batch):
    """A record meets earlier ones with their names as stored (spaces collapsed), from its own batch as
    from an earlier one: the re-typed "Sunrise High School " kept apart is "Sunrise High School" to a later
    record, which is then a namesake (another postcode), not a second doubt."""
    from twinhub.testing.legacy_export import write_export

    settings.LEGACY_IMPORT_BATCH = batch
    folder = write_export(tmp_path / "x", schools=[
        _school(1, "Sunrise High School", city="Burgas", postcode="8000"),
        _school(2, "Sunrise High School", city="Burgas", postcode="8001"),
        _school(3, "Sunrise High School ", city="Burgas", postcode=None),  # either of two: listed
        _school(4, "Sunrise High School", city="Burgas", postcode="8002"),
        _school(5, "SUNRISE HIGH SCHOOL", city="Burgas", postcode="8000"),
    ])
    run_import("--phase", "accounts", folder=folder)

    rows = dict(LegacySchool.objects.values_list("legacy_id", "merged_into"))
    assert rows == {"S1": "", "S2": "", "S3": "", "S4": "", "S5": "S1"}
    by_id = dict(LegacySchool.objects.values_list("legacy_id", "school_id"))
    pairs = set(PossibleDuplicate.objects.values_list("school_id", "duplicate_id"))
    assert pairs == {(by_id["S1"], by_id["S3"]), (by_id["S2"], by_id["S3"])}
