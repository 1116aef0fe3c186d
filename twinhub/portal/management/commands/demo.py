"""`twinhub demo`: seed a living platform once, and print a log-in for each role."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from twinhub.accounts.models import Profile, User
from twinhub.events.demo import seed_networking
from twinhub.geography.countries import region_name
from twinhub.groups.demo import seed_groups
from twinhub.legacy.demo import DEMO_OLD_ADDRESSES, seed_old_platform
from twinhub.portal.demo_collaboration import seed_collaboration
from twinhub.portal.provisioning import provision_account
from twinhub.schools.models import Membership
from twinhub.staff.models import StaffRole

PASSWORD = "twinhub-demo"
DOMAIN = "demo.twinhub.test"
TR_PROVINCES = ["TR-06", "TR-34", "TR-35", "TR-01", "TR-07", "TR-16", "TR-42", "TR-61"]
OTHER_COUNTRIES = ["IT", "PL", "ES", "FR", "DE", "GR", "RO", "PT"]
FIRST = {"TR": ["Ayşe", "Mehmet", "Elif", "Mustafa", "Zeynep", "Ahmet", "Fatma", "İbrahim", "Şule", "Gökhan",
                "Özge", "Çağrı", "Ümit", "Irmak", "Işıl"],
         "*": ["Anna", "Marco", "Maria", "Piotr", "Sofia", "Lucas", "Elena", "Jan", "Clara", "Nikos", "Ioana", "João"]}
LAST = {"TR": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan", "Kılıç"],
        "*": ["Rossi", "Nowak", "García", "Martin", "Müller", "Papadopoulos", "Popescu", "Silva", "Bianchi", "Kowalski"]}
SUBJECTS = ["mathematics", "science", "foreign_languages", "history", "art", "computing", "music", "geography"]
# (country, available for projects, approved teachers needed besides the demo teacher) by the
# projects, events, gallery and groups the demo seeds (demo_collaboration, events.demo, groups.demo).
CAST = [("TR", True, 14), ("IT", True, 3), ("PL", True, 3), ("ES", True, 3), ("FR", False, 1)]
LANGS = {"TR": "tr", "IT": "it", "PL": "pl", "ES": "es", "FR": "fr", "DE": "de", "GR": "el", "RO": "ro", "PT": "pt"}


class Command(BaseCommand):
    help = "Seed the demo platform (once) and print log-in details for one account of each role."

    def add_arguments(self, parser):
        parser.add_argument("--teachers", type=int, default=300)

    def handle(self, *args, teachers: int, **opts):
        if User.objects.filter(email=f"css@{DOMAIN}").exists():
            self.stdout.write("The demo data is already there.")
        else:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                self.seed(teachers)
        seed_old_platform()  # migration: the old platform's data, two phases of four landed (idempotent)
        self.print_logins()

    @transaction.atomic
    def seed(self, teachers: int) -> None:
        rng = random.Random(2026)
        hashed = make_password(PASSWORD)
        now = timezone.now()
        provision_account(email=f"admin@{DOMAIN}", password_hash=hashed, name="Site Admin", country="BE", role="admin")
        provision_account(email=f"css@{DOMAIN}", password_hash=hashed, name="Claire Central", country="BE", role="css")
        for code in ["TR", *OTHER_COUNTRIES]:
            user, _raw = provision_account(email=f"nss.{code.lower()}@{DOMAIN}", password_hash=hashed,
                                           name=f"NSS {code}", country=code, role="nss")
            StaffRole.objects.filter(user=user).update(public_phone="+00 000 000")
        for i, province in enumerate(TR_PROVINCES):
            for n in (1, 2):
                first, last = FIRST["TR"][(i * 2 + n) % 15], LAST["TR"][(i + n) % 11]
                user, _raw = provision_account(
                    email=f"coordinator{n}.{province.lower()}@{DOMAIN}", password_hash=hashed,
                    name=f"{first} {last}", country="TR", region=province, role="coordinator")
                StaffRole.objects.filter(user=user).update(
                    public_email=f"il.{province.lower()}.{n}@etwinning.example",
                    public_phone=f"+90 312 000 {i:02d}{n}")
        teachers = max(teachers, 3)  # the pending teacher, one more, and the demo teacher
        for i in range(teachers):
            in_tr = i % 2 == 0
            country = "TR" if in_tr else OTHER_COUNTRIES[(i // 2) % len(OTHER_COUNTRIES)]
            self.teacher(rng, hashed, now, i, country=country, region=TR_PROVINCES[(i // 2) % len(TR_PROVINCES)]
                         if in_tr else "", approved=not (i % 7 == 1 or i == 0), available=None)
        # The scenes below need a cast (partners in Türkiye, Italy, Poland, Spain, an unavailable
        # teacher in France); a small --teachers may not have drawn it, so it is topped up.
        extra = teachers
        for country, available, needed in CAST:
            have = (User.objects.filter(profile__country=country, profile__available_for_projects=available,
                                        memberships__status="approved")
                    .exclude(email="teacher@demo.twinhub.test").distinct().count())
            for _n in range(needed - have):
                self.teacher(rng, hashed, now, extra, country=country,
                             region=TR_PROVINCES[extra % len(TR_PROVINCES)] if country == "TR" else "",
                             approved=True, available=available)
                extra += 1
        seed_collaboration(teacher=User.objects.get(email="teacher@demo.twinhub.test"),
                           pending=User.objects.get(email="pending@demo.twinhub.test"),
                           nss_tr=User.objects.get(email=f"nss.tr@{DOMAIN}"))
        self.seed_networking()

    def teacher(self, rng, hashed: str, now, i: int, *, country: str, region: str, approved: bool,
                available: bool | None) -> User:
        """Teacher number `i`; `available` None: drawn (after the name, so the seeded draws stay the same)."""
        in_tr = country == "TR"
        names = "TR" if in_tr else "*"
        name = f"{rng.choice(FIRST[names])} {rng.choice(LAST[names])}"
        if available is None:
            available = rng.random() < 0.6
        email = "teacher@demo.twinhub.test" if i == 2 else (
            "pending@demo.twinhub.test" if i == 0 else f"teacher{i}@{DOMAIN}")
        user, _raw = provision_account(
            email=email, password_hash=hashed, name=name, country=country, region=region,
            school_number=str(1000 + i % 40 + (0 if in_tr else 100 * OTHER_COUNTRIES.index(country))),
            approved=approved, available=available, language=LANGS[country] if in_tr else "en")
        Profile.objects.filter(user=user).update(
            subjects=rng.sample(SUBJECTS, 2), languages=sorted({LANGS[country], "en"}),
            age_ranges=[rng.choice(["7-10", "11-14", "15-18"])],
            bio=f"{name} teaches in {region_name(region) if region else country}.")
        Membership.objects.filter(user=user).update(requested_at=now - timedelta(days=rng.randint(0, 60)))
        return user

    def seed_networking(self) -> None:
        """Events, the project gallery and kits (twinhub.events.demo)."""
        approved = (User.objects.filter(memberships__status="approved", profile__available_for_projects=True)
                    .exclude(email="teacher@demo.twinhub.test").distinct().order_by("-id"))
        turks, abroad = list(approved.filter(profile__country="TR")[:9]), list(approved.exclude(profile__country="TR")[:3])
        seed_networking(teacher=User.objects.get(email="teacher@demo.twinhub.test"),
                        nss_tr=User.objects.get(email=f"nss.tr@{DOMAIN}"),
                        nss_it=User.objects.get(email=f"nss.it@{DOMAIN}"), css=User.objects.get(email=f"css@{DOMAIN}"),
                        others=turks[:6], founders=list(zip(turks[6:9], abroad, strict=False)))
        # groups: groups, a proposal, discussions, a report and partner-finding posts
        seed_groups(teacher=User.objects.get(email="teacher@demo.twinhub.test"),
                    nss_tr=User.objects.get(email=f"nss.tr@{DOMAIN}"), nss_it=User.objects.get(email=f"nss.it@{DOMAIN}"),
                    css=User.objects.get(email=f"css@{DOMAIN}"), others=[*turks[:2], *abroad[:3]])

    def print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo log-ins (password for all: {PASSWORD}):"))
        for label, email in [
            ("Teacher (approved eTwinner, Türkiye)", "teacher@demo.twinhub.test"),
            ("Teacher (membership pending, Ankara)", "pending@demo.twinhub.test"),
            ("Provincial coordinator of Ankara (TR-06)", f"coordinator1.tr-06@{DOMAIN}"),
            ("NSS staff of Türkiye", f"nss.tr@{DOMAIN}"),
            ("NSS staff of Italy", f"nss.it@{DOMAIN}"),
            ("CSS staff", f"css@{DOMAIN}"),
            ("Site administrator (/admin/)", f"admin@{DOMAIN}"),
        ]:
            self.stdout.write(f"  {label:45} {email}")
        self.stdout.write("Old-platform addresses to try at the EU Login stand-in (“Create an account”):")
        self.stdout.write("  " + ", ".join(DEMO_OLD_ADDRESSES) + " — any other address sees no old data.")
