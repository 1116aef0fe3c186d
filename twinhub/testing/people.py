"""Users made through the real provisioning code, and the named users of the test base."""

import itertools
from collections.abc import Callable

from django.test import Client

from twinhub.accounts.models import User
from twinhub.accounts.provisioning import verified_user
from twinhub.portal.provisioning import provision_account

PASSWORD = "pw-test-123"
_seq = itertools.count(1)


def make_teacher(*, country: str = "TR", region: str = "TR-06", approved: bool = True, available: bool = False,
                 school_number: str = "", email: str | None = None, name: str = "") -> User:
    """A teacher who joined eTwinning at a school of `country` (and, in Türkiye, of `region`);
    approved by the school's validator unless `approved=False`."""
    n = next(_seq)
    user, _raw = provision_account(
        email=email or f"teacher{n}@test.example", password=PASSWORD, name=name or f"Teacher {n}",
        country=country, region=region if country == "TR" else "", school_number=school_number or f"{n}00",
        approved=approved, available=available)
    return User.objects.get(pk=user.pk)


def make_staff(kind: str, *, country: str = "", region: str = "", email: str | None = None) -> User:
    """A staff member: "coordinator" (of a province), "nss" (of a country), "css" or "admin"."""
    n = next(_seq)
    user, _raw = provision_account(email=email or f"{kind}{n}@test.example", password=PASSWORD,
                                   name=f"{kind.title()} {n}", country=country or "BE", region=region, role=kind)
    return User.objects.get(pk=user.pk)


# Everyone who teaches or means to: eTwinners, pending teachers, an account that has not joined.
TEACHERS = ("teacher", "teacher_it", "teacher_pl", "pending_teacher", "pending_teacher_it", "no_profile")
# Everyone who decides something for others.
STAFF = ("coordinator", "coordinator_tr34", "nss_tr", "nss_it", "css", "admin")

# The named users: one per role a test usually needs, by the name tests use for it.
CAST: dict[str, Callable[[], User]] = {
    "teacher": lambda: make_teacher(country="TR", region="TR-06", name="Ayşe Yıldız", email="ayse@test.example"),
    "teacher_it": lambda: make_teacher(country="IT", name="Marco Rossi", available=True,
                                       email="marco@test.example"),
    "teacher_pl": lambda: make_teacher(country="PL", name="Piotr Nowak", email="piotr@test.example"),
    "pending_teacher": lambda: make_teacher(country="TR", region="TR-06", approved=False, name="Pending Teacher",
                                            email="pending@test.example"),
    "pending_teacher_it": lambda: make_teacher(country="IT", approved=False, name="Giulia Pending",
                                               email="giulia@test.example"),
    "no_profile": lambda: verified_user(email="noprofile@test.example", password=PASSWORD, first_name="Nora",
                                        last_name="Noprofile"),
    "coordinator": lambda: make_staff("coordinator", country="TR", region="TR-06", email="ankara@test.example"),
    "coordinator_tr34": lambda: make_staff("coordinator", country="TR", region="TR-34",
                                           email="istanbul@test.example"),
    "nss_tr": lambda: make_staff("nss", country="TR", email="nss.tr@test.example"),
    "nss_it": lambda: make_staff("nss", country="IT", email="nss.it@test.example"),
    "css": lambda: make_staff("css", email="css@test.example"),
    "admin": lambda: make_staff("admin", email="admin@test.example"),
}


class People:
    """The named users of one test, each made the first time the test names it:

    teacher             Ayşe Yıldız, an approved eTwinner in Ankara (TR-06), not available for projects
    teacher_it          Marco Rossi, an approved eTwinner in Italy, available for projects
    teacher_pl          Piotr Nowak, an approved eTwinner in Poland, nobody's contact
    pending_teacher     a teacher in Ankara whose membership waits for the coordinator
    pending_teacher_it  a teacher in Italy whose membership waits for the Italian NSS
    no_profile          an account with a verified email that has not joined eTwinning
    coordinator         the provincial coordinator of Ankara (TR-06)
    coordinator_tr34    the provincial coordinator of İstanbul (TR-34)
    nss_tr, nss_it      the National Support Services of Türkiye and Italy
    css                 the Central Support Service
    admin               a site administrator
    anonymous           nobody logged in (None)

    `people["teacher"]` and `people.teacher` are the same user. A user not named yet does not
    exist: name (or `make`) everyone a page should list, or a snapshot should hold, beforehand."""

    def __init__(self):
        self._made: dict[str, User] = {}

    def __getitem__(self, name: str) -> User | None:
        if name == "anonymous":
            return None
        if name not in CAST:
            raise KeyError(f"no named user {name!r}; the cast is: {', '.join(CAST)}, anonymous")
        if name not in self._made:
            self._made[name] = CAST[name]()
        return self._made[name]

    def __getattr__(self, name: str) -> User | None:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(str(error)) from None

    get = __getitem__

    def make(self, *names: str) -> list[User | None]:
        """Make these users now (for a page that should list them, or before a snapshot)."""
        return [self[name] for name in names]


def client_for(user: User | None, *, language: str = "en") -> Client:
    """A browser logged in as `user` (anonymous for None) that asks for pages in `language`."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client
