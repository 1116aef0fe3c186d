from django.core.management.base import BaseCommand, CommandError

from twinhub.geography.countries import COUNTRY_CODES, is_valid_region, regions_are_provinces
from twinhub.portal.provisioning import ROLES, provision_account


class Command(BaseCommand):
    help = ("Create or update a verified account: a teacher with a school membership (pending unless "
            "--approved), or staff scoped to a region or country. With --token, the last line is a new API token.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--password")
        parser.add_argument("--name", default="")
        parser.add_argument("--country", required=True)
        parser.add_argument("--region", default="")
        parser.add_argument("--school-number", default="")
        parser.add_argument("--role", choices=ROLES, default="teacher")
        parser.add_argument("--approved", action="store_true")
        parser.add_argument("--available", action="store_true")
        parser.add_argument("--token", action="store_true")
        parser.add_argument("--language", default="")

    def handle(self, *args, **opts):
        country = opts["country"].upper()
        if country not in COUNTRY_CODES:
            raise CommandError(f"unknown country {country!r}: use an eTwinning country code such as TR or IT")
        region = opts["region"].upper() if regions_are_provinces(country) else opts["region"]
        if region and not is_valid_region(country, region):
            raise CommandError(f"{region!r} is not a province of Türkiye (TR-01 … TR-81)")
        if opts["role"] == "coordinator" and not (regions_are_provinces(country) and region):
            raise CommandError("a coordinator needs --country TR and --region TR-NN")
        try:
            user, raw = provision_account(
                email=opts["email"], password=opts["password"], name=opts["name"], country=country,
                region=region, school_number=opts["school_number"], role=opts["role"],
                approved=opts["approved"], available=opts["available"], token=opts["token"],
                language=opts["language"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"account {user.email} (id {user.pk}) ready as {opts['role']}")
        if raw:
            self.stdout.write(raw)
