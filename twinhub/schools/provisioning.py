"""Schools made by an operator (not by a teacher joining): `twinhub create-account` and the demo."""

from twinhub.core.audit import audit_record
from twinhub.geography.countries import country_name, region_name
from twinhub.schools.codes import SchoolAudit
from twinhub.schools.models import School, SchoolType
from twinhub.schools.rules import school_name_key, school_number_key


def school_for(*, country: str, region: str, school_number: str = "", name: str = "") -> School:
    """The school with this official number in the country, or a new one in the region."""
    number = school_number_key(school_number)
    if number:
        school = School.objects.filter(country=country, school_number=number).first()
        if school:
            return school
    place = region_name(region) if region else country_name(country)
    name = name or (f"{place} School {number}" if number else f"{place} School")
    school = School.objects.filter(country=country, region=region, name_key=school_name_key(name)).first()
    if school:
        return school
    school = School.objects.create(
        legal_name=name, public_name=name, country=country, region=region, city=place,
        school_type=SchoolType.LOWER_SECONDARY, school_number=number, principal_name="Principal",
        principal_email=f"principal.{number or 'school'}.{country.lower()}@schools.example", name_key=school_name_key(name))
    audit_record(actor=None, action=SchoolAudit.SCHOOL_CREATED, obj=school, by="operator")
    return school
