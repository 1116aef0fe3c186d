"""Non-interactive account provisioning, shared by `twinhub create-account` and the demo: an account
with a verified email and either a school membership (teacher) or a staff role. It spans accounts,
schools and staff, so it lives above them."""

from django.db import transaction

from twinhub.accounts.models import ApiToken, Profile, User
from twinhub.accounts.provisioning import verified_user
from twinhub.geography.countries import regions_are_provinces
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.schools.provisioning import school_for
from twinhub.schools.services import membership_approve_provisioned, membership_request
from twinhub.staff.models import StaffRole
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS

TEACHER = "teacher"
ROLES = (TEACHER, COORDINATOR, NSS, CSS, ADMIN)


@transaction.atomic
def provision_account(*, email: str, password: str | None = None, name: str = "", country: str,
                      region: str = "", school_number: str = "", role: str = TEACHER, approved: bool = False,
                      available: bool = False, token: bool = False, language: str = "",
                      password_hash: str = "") -> tuple[User, str | None]:
    first, _sep, last = name.strip().partition(" ")
    user = verified_user(email=email, password=password, first_name=first, last_name=last,
                         password_hash=password_hash)
    if language:
        user.language = language
        user.save(update_fields=["language"])
    if role == TEACHER:
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
        kind_country = country if role in (NSS, COORDINATOR) else ""
        kind_region = region if role == COORDINATOR else ""
        StaffRole.objects.get_or_create(user=user, kind=role, country=kind_country, region=kind_region)
        if role == ADMIN and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    raw = None
    if token:
        _t, raw = ApiToken.issue(user=user, name="create-account", scopes=["read", "write", "staff"])
    return user, raw
