"""Non-interactive account provisioning, shared by `twinhub create-account` and the demo."""

from allauth.account.models import EmailAddress
from django.db import transaction

from twinhub.accounts.models import ApiToken, Profile, User
from twinhub.core.audit import audit_record
from twinhub.geography.countries import country_name, region_name, regions_are_provinces
from twinhub.schools.models import Membership, MembershipStatus, School, SchoolType
from twinhub.schools.rules import school_name_key, school_number_key
from twinhub.schools.services import membership_approve_provisioned, membership_request
from twinhub.staff.models import StaffRole

ROLES = ("teacher", "coordinator", "nss", "css", "admin")


def verified_user(*, email: str, password: str | None, first_name: str = "", last_name: str = "",
                  password_hash: str = "") -> User:
    """Create or update an account whose email is verified (as after clicking the link)."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None if password_hash else password)
    elif password and not password_hash:
        user.set_password(password)
    if password_hash:
        user.password = password_hash  # hashed once by the caller: hashing is slow on purpose
    if first_name or last_name:
        user.first_name, user.last_name = first_name, last_name
    user.save()
    EmailAddress.objects.update_or_create(user=user, email__iexact=email,
                                          defaults={"email": email, "verified": True, "primary": True})
    return user


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
    audit_record(actor=None, action="school.created", obj=school, by="operator")
    return school


@transaction.atomic
def provision_account(*, email: str, password: str | None = None, name: str = "", country: str,
                      region: str = "", school_number: str = "", role: str = "teacher", approved: bool = False,
                      available: bool = False, token: bool = False, language: str = "",
                      password_hash: str = "") -> tuple[User, str | None]:
    first, _sep, last = name.strip().partition(" ")
    user = verified_user(email=email, password=password, first_name=first, last_name=last,
                         password_hash=password_hash)
    if language:
        user.language = language
        user.save(update_fields=["language"])
    if role == "teacher":
        if regions_are_provinces(country) and not region:
            raise ValueError("a teacher in Türkiye needs --region (a province code such as TR-06)")
        profile, _created = Profile.objects.get_or_create(user=user, defaults={"country": country})
        if profile.available_for_projects != available:
            profile.available_for_projects = available
            profile.save(update_fields=["available_for_projects"])
        school = school_for(country=country, region=region, school_number=school_number)
        membership = Membership.objects.filter(
            user=user, school=school, status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED]).first()
        if membership is None:
            membership = membership_request(user=user, school=school)
        if approved:
            membership_approve_provisioned(membership=membership)
    else:
        kind_country = country if role in ("nss", "coordinator") else ""
        kind_region = region if role == "coordinator" else ""
        StaffRole.objects.get_or_create(user=user, kind=role, country=kind_country, region=kind_region)
        if role == "admin" and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    raw = None
    if token:
        _t, raw = ApiToken.issue(user=user, name="create-account")
    return user, raw
