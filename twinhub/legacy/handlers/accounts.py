"""The accounts phase: schools, users (with their school memberships and profiles), contacts."""

from dataclasses import replace

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from twinhub.accounts.models import Profile, User
from twinhub.contacts.models import Contact
from twinhub.legacy.bulk import insert_numbered, insert_rows
from twinhub.legacy.format import (
    SCHOOL_ROLES,
    SCHOOL_TYPES,
    age_ranges_from_legacy,
    email_is_usable,
    legacy_email_key,
    subjects_from_legacy,
)
from twinhub.legacy.handlers.base import FileHandler, imported
from twinhub.legacy.handlers.common import (
    Invalid,
    clean_text,
    keep_given_dates,
    need_choice,
    need_country,
    need_id,
    need_list,
    need_str,
    timestamp,
)
from twinhub.legacy.models import LegacySchool, LegacyUser
from twinhub.schools.models import Membership, MembershipStatus, PossibleDuplicate, School
from twinhub.schools.rules import (
    SchoolFacts,
    same_school_among,
    school_name_key,
    school_number_key,
    school_place_name_key,
)

# Why an imported pair is listed (stored; the page words it in the reader's language).
DUPLICATE_REASON = "postcode_missing"

# Placeholder accounts hold a person's old data until they verify the address; they cannot log in.
PLACEHOLDER_DOMAIN = "legacy.invalid"
UNUSABLE_PASSWORD = "!legacy-import"


def placeholder_email(legacy_id: str) -> str:
    return f"{legacy_id.lower()}@{PLACEHOLDER_DOMAIN}"


# The columns of a new school's row (SchoolsHandler streams tuples, numbered like `insert` numbered instances).
SCHOOL_COLUMNS = ("legal_name", "public_name", "country", "region", "city", "school_type", "school_number", "postcode",
                  "principal_name", "principal_email", "name_key", "created_at")


def school_match_key(facts: SchoolFacts) -> str:
    """Where to look for the same school: the official number in the country, or (without one)
    country, region, city and folded name. A shared key makes candidates; the rule decides."""
    if school_number_key(facts.number):
        return f"n|{facts.country}|{school_number_key(facts.number)}"[:400]
    return f"a|{school_place_name_key(facts)}"[:400]


class SchoolsHandler(FileHandler):
    """Re-registered schools merge on evidence only (decision 0026); doubtful pairs are kept apart
    and listed for the National Support Service (`schools.PossibleDuplicate`)."""

    file = "schools.jsonl.gz"

    def process(self, lines):
        # {legacy school id: school id} of every school a fresh import wrote: the users file finds its
        # schools there instead of asking the database at every batch (7 s at scale 1.0).
        memo = self.ctx.memo.setdefault("schools", {}) if self.writes_whole_file(LegacySchool) else None
        # {school id: (country, region)}: what each membership copies of its school (decision 55).
        places = self.ctx.memo.setdefault("school_places", {}) if memo is not None else None
        parsed, results = [], []
        for line in lines:
            rec, lid = line.record, line.record.get("legacy_id")
            result = imported(lid if isinstance(lid, str) else None)
            results.append(result)
            try:
                lid = need_id(rec, "legacy_id", "school")
                typed_name = need_str(rec, "name")  # as typed: how it differs from a namesake is evidence
                name = clean_text(typed_name)
                country = need_country(rec)
                region = need_str(rec, "region", nullable=True) or ""
                city = clean_text(need_str(rec, "city", allow_empty=True))
                school_type = SCHOOL_TYPES[need_choice(rec, "school_type", SCHOOL_TYPES)]
                number = (need_str(rec, "school_number", nullable=True, allow_empty=True) or "").strip()
                postcode = (need_str(rec, "postcode", nullable=True, allow_empty=True) or "").strip()
            except Invalid as exc:
                results[-1] = exc.result(result.legacy_id)
                continue
            created = timestamp(rec, "created_at", self.ctx, result)
            facts = SchoolFacts(country=country, region=region, city=city, school_type=school_type, name=typed_name,
                                number=number, postcode=postcode)
            parsed.append((result, lid, facts, school_match_key(facts), NewRow(), (
                name[:255], name[:255], country, region[:80], city[:120], school_type, number[:40], postcode[:20],
                "", "", school_name_key(name)[:255], created)))
        ids = [p[1] for p in parsed]
        known_ids = set(LegacySchool.objects.filter(legacy_id__legacy_in=ids).values_list("legacy_id", flat=True))
        candidates: dict[str, list] = {}
        for key, lid, sid, *fields in LegacySchool.objects.filter(
                match_key__legacy_in=[p[3] for p in parsed], merged_into="").order_by("pk").values_list(
                "match_key", "legacy_id", "school_id", "school__country", "school__region", "school__city",
                "school__school_type", "school__legal_name", "school__school_number", "school__postcode"):
            candidates.setdefault(key, []).append((lid, sid, SchoolFacts(*fields)))
        new_schools, links, doubts = [], [], []
        for result, lid, facts, key, school, row in parsed:
            if lid in known_ids:
                result.become("merged", "duplicate_id", _("%(id)s was already imported") % {"id": lid})
                continue
            known_ids.add(lid)
            found = candidates.get(key, [])
            same, doubtful = same_school_among(facts, [c[2] for c in found])
            if same is not None:
                first_id, target, _facts = found[same]
                result.outcome, result.reason = "merged", "school_reregistered"
                result.detail = _("same school as %(id)s") % {"id": first_id}
                links.append((lid, key, first_id, target, _facts))
                continue
            for first_id, target, _facts in (found[i] for i in doubtful):
                result.note("school_possible_duplicate",
                            _("kept apart from %(id)s: same name and place, no official number, a postcode "
                              "missing; listed for the National Support Service") % {"id": first_id})
                doubts.append((target, school, facts.country))
            new_schools.append((school, row))
            # Candidates carry the name as stored (as a later batch reads it back), so that the
            # outcome does not depend on where the batches fall.
            candidates.setdefault(key, []).append((lid, school, replace(facts, name=row[0])))
            links.append((lid, key, "", school, facts))
        with keep_given_dates(School, "created_at"):
            ids = insert_numbered(School, SCHOOL_COLUMNS, [row for _school, row in new_schools])
        for (school, _row), new_id in zip(new_schools, ids, strict=True):
            school.pk = new_id
        pk = lambda school: school if isinstance(school, int) else school.pk  # noqa: E731
        insert_rows(LegacySchool, ("legacy_id", "match_key", "merged_into", "school_id"),
                    [(lid, key, first_id, pk(target)) for lid, key, first_id, target, _facts in links])
        if memo is not None:
            memo.update((lid, pk(target)) for lid, _key, _first_id, target, _facts in links)
            shared: dict[tuple, tuple] = {}  # one tuple per place: a few thousand, for 250,000 schools
            for _lid, _key, _first_id, target, facts in links:
                place = (facts.country, facts.region[:80])
                places[pk(target)] = shared.setdefault(place, place)
        insert_rows(PossibleDuplicate, ("school_id", "duplicate_id", "country", "reason"),
                    [(pk(first), pk(second), country, DUPLICATE_REASON) for first, second, country in doubts])
        return results


USER_COLUMNS = ("email", "password", "is_active", "first_name", "last_name", "date_joined", "last_login")
PROFILE_COLUMNS = ("user_id", "role", "country", "subjects", "languages", "age_ranges", "available_for_projects",
                   "joined_at")
MEMBERSHIP_COLUMNS = ("user_id", "school_id", "status", "requested_at", "decided_at", "school_country",
                      "school_region")
LEGACY_USER_COLUMNS = ("legacy_id", "email", "email_key", "country", "status", "merged_into", "account_id",
                       "claimed_by_id", "claimed_at")


class NewRow:
    """A row a batch writes (an account, a school): its id once the batch's rows are in."""

    __slots__ = ("pk",)

    def __init__(self):
        self.pk = None


def user_code(legacy_id: str) -> int:
    """A user's legacy id (U + digits, checked) as a number: half the memory of the string."""
    return int(legacy_id[1:])


class PeopleMemo:
    """Every legacy user a run wrote, when it wrote them all (the users file read from its first line
    into an empty table): the contacts file then finds its people here instead of asking the
    database 300 times at scale 1.0. Numbers, not strings: 1.2 million people fit in about 100 MiB."""

    def __init__(self):
        self.accounts: dict[int, int] = {}  # user code -> account id
        self.merged: dict[int, str] = {}    # user code -> legacy id it was merged into (few)
        self.first_of_key: dict[str, int] = {}  # e-mail key -> code of the first user who had it

    def add(self, legacy_id: str, account_id: int, merged_into: str, email_key: str) -> None:
        code = user_code(legacy_id)
        self.accounts[code] = account_id
        if merged_into:
            self.merged[code] = merged_into
        elif email_key:
            self.first_of_key.setdefault(email_key, code)

    def imported(self, legacy_ids) -> set[str]:
        return {lid for lid in legacy_ids if user_code(lid) in self.accounts}

    def firsts(self, keys) -> dict[str, tuple[str, int]]:
        """{e-mail key: (legacy id, account id)} of the first user of each key, like the database's answer."""
        found = {}
        for key in keys:
            code = self.first_of_key.get(key)
            if code is not None:
                found[key] = (f"U{code}", self.accounts[code])
        return found

    def lookup(self, legacy_ids) -> dict[str, tuple[int, str]]:
        """{legacy id: (account id, merged into)} of those that were imported, like the database's answer."""
        found = {}
        for lid in legacy_ids:
            code = user_code(lid)
            account = self.accounts.get(code)
            if account is not None:
                found[lid] = (account, self.merged.get(code, ""))
        return found


class UsersHandler(FileHandler):
    file = "users.jsonl.gz"
    # Later batches find re-registered people by e-mail key; memberships by the unique live pair.
    bulk_models = ((User, ()), (Profile, ()), (LegacyUser, ("email_key",)), (Membership, ()))

    def __init__(self, ctx):
        super().__init__(ctx)
        self.verified = verified_accounts_by_key()
        self.memo: PeopleMemo | None = None

    def observe(self, line):
        self.ctx.memo.pop("people", None)  # lines written by an earlier run: a memo could not be complete

    def parse(self, line):
        rec, lid = line.record, line.record.get("legacy_id")
        result = imported(lid if isinstance(lid, str) else None)
        try:
            lid = need_id(rec, "legacy_id", "user")
            email = need_str(rec, "email", allow_empty=True)
            first = clean_text(need_str(rec, "first_name", allow_empty=True))
            last = clean_text(need_str(rec, "last_name", allow_empty=True))
            country = need_country(rec)
            school_ids = [need_id({"school_ids": s}, "school_ids", "school") for s in need_list(rec, "school_ids")]
            role = SCHOOL_ROLES[need_choice(rec, "role", SCHOOL_ROLES)]
        except Invalid as exc:
            return exc.result(result.legacy_id), None
        usable = email_is_usable(email)
        if not usable:
            result.note("email_invalid", _("no usable e-mail address (%(email)r): flagged for the National "
                                           "Support Service; the data cannot be claimed") % {"email": email})
        registered = timestamp(rec, "registered_at", self.ctx, result, fallback=False)
        last_login = timestamp(rec, "last_login_at", self.ctx, result, fallback=False)
        if last_login and registered and last_login < registered:
            result.note("login_before_registration", f"last_login_at={rec.get('last_login_at')!r}")
            last_login = None
        registered = registered or self.ctx.fallback_time
        # The profile's values (PROFILE_COLUMNS after user_id), should the line make a new person.
        profile = (role, country, subjects_from_legacy(rec.get("subjects")),
                   [x for x in rec.get("languages") or [] if isinstance(x, str)][:10],
                   age_ranges_from_legacy(rec.get("age_ranges")), rec.get("available_for_projects") is True,
                   registered)
        return result, dict(result=result, lid=lid, email=email.strip(), key=legacy_email_key(email) if usable else "",
                            first=first, last=last, country=country, school_ids=school_ids,
                            registered=registered, last_login=last_login, profile=profile,
                            validated=rec.get("validated") is True, status=str(rec.get("status") or ""))

    def write(self, parsed):
        if self.memo is None and self.writes_whole_file(LegacyUser):
            self.memo = self.ctx.memo["people"] = PeopleMemo()
        self._write([item for _result, item in parsed])

    def _write(self, parsed):
        memo = self.memo
        if memo is not None:
            known_ids = memo.imported(p["lid"] for p in parsed)
            first_of_key = memo.firsts({p["key"] for p in parsed if p["key"]})
        else:
            known_ids = set(LegacyUser.objects.filter(legacy_id__legacy_in=[p["lid"] for p in parsed])
                            .values_list("legacy_id", flat=True))
            first_of_key = {k: (lid, acc) for k, lid, acc in LegacyUser.objects.filter(
                email_key__legacy_in=[p["key"] for p in parsed if p["key"]], merged_into="")
                .values_list("email_key", "legacy_id", "account_id")}
        wanted_schools = {s for p in parsed for s in p["school_ids"]}
        school_memo = self.ctx.memo.get("schools")
        if school_memo is not None:
            schools = {s: school_memo[s] for s in wanted_schools if s in school_memo}
        else:
            schools = dict(LegacySchool.objects.filter(legacy_id__legacy_in=wanted_schools)
                           .values_list("legacy_id", "school_id"))
        # Accounts that may already hold memberships: re-registered people and existing accounts.
        held = set(Membership.objects.filter(
            user_id__legacy_in={acc for _lid, acc in first_of_key.values()} | set(self.verified.values()),
            status__in=["pending", "approved"]).values_list("user_id", "school_id")) if (first_of_key or self.verified) else set()
        new_users, new_accounts, profiles, legacy_rows, memberships = [], [], [], [], []
        for p in parsed:
            result, lid, key = p["result"], p["lid"], p["key"]
            if lid in known_ids:
                result.become("merged", "duplicate_id", _("%(id)s was already imported") % {"id": lid})
                continue
            known_ids.add(lid)
            merged_into = ""
            if key and key in first_of_key:
                merged_into, account = first_of_key[key]
                result.outcome, result.reason = "merged", "user_reregistered"
                result.detail = _("same person (same e-mail key) as %(id)s; schools united") % {"id": merged_into}
            elif key and key in self.verified:
                account = self.verified[key]  # an existing account verified this address: attach now
                first_of_key[key] = (lid, account)
                if not Profile.objects.filter(user_id=account).exists():
                    profiles.append(self._profile(p, account))
            else:
                account = NewRow()
                new_users.append((placeholder_email(lid), UNUSABLE_PASSWORD, False, p["first"][:150],
                                  p["last"][:150], p["registered"], p["last_login"]))
                new_accounts.append(account)
                profiles.append(self._profile(p, account))
                if key:
                    first_of_key[key] = (lid, account)
            claimed = isinstance(account, int) and not merged_into and key in self.verified
            legacy_rows.append(((lid, p["email"][:320], key[:320], p["country"], p["status"][:10], merged_into,
                                 p["registered"]), account, claimed))
            for sid in p["school_ids"]:
                if sid not in schools:
                    result.note("school_missing", _("school %(id)s is not in the export: the teacher must add "
                                                    "a school (pending approval)") % {"id": sid})
                    continue
                memberships.append((account, schools[sid], p))
        for account, new_id in zip(new_accounts, insert_numbered(User, USER_COLUMNS, new_users), strict=True):
            account.pk = new_id
        pk = lambda account: account if isinstance(account, int) else account.pk  # noqa: E731
        insert_rows(Profile, PROFILE_COLUMNS, [(pk(account), *rest) for account, *rest in profiles])
        rows = []
        for (lid, email, key, country, status, merged_into, claimed_at), account, claimed in legacy_rows:
            account_id = pk(account)
            rows.append((lid, email, key, country, status, merged_into, account_id,
                         account_id if claimed else None, claimed_at if claimed else None))
        insert_rows(LegacyUser, LEGACY_USER_COLUMNS, rows)
        if self.memo is not None:
            for lid, _email, key, _country, _status, merged_into, account_id, *_claim in rows:
                self.memo.add(lid, account_id, merged_into, key)
        to_create = []
        for account, school_id, p in memberships:
            if (pk(account), school_id) in held:
                continue
            held.add((pk(account), school_id))
            approved = p["validated"]
            to_create.append((pk(account), school_id,
                              MembershipStatus.APPROVED if approved else MembershipStatus.PENDING,
                              p["registered"], p["registered"] if approved else None))
        with keep_given_dates(Membership, "requested_at"):
            insert_rows(Membership, MEMBERSHIP_COLUMNS, self._with_places(to_create))

    def _with_places(self, rows: list[tuple]) -> list[tuple]:
        """Membership rows with their school's country and region (decision 55): from the memo the
        schools file left, or read for this batch's schools (after a resume)."""
        places = self.ctx.memo.get("school_places")
        if places is None or any(row[1] not in places for row in rows):
            places = {pk: (country, region) for pk, country, region in School.objects.filter(
                pk__in={row[1] for row in rows}).values_list("pk", "country", "region")}
        return [(*row, *places[row[1]]) for row in rows]

    def _profile(self, p, account) -> tuple:
        """A row of PROFILE_COLUMNS whose first value is the account (a User not yet written, or an id)."""
        return (account, *p["profile"])


def verified_accounts_by_key() -> dict[str, int]:
    """Existing accounts by the e-mail key of each verified address they hold."""
    from allauth.account.models import EmailAddress

    return {legacy_email_key(email): user_id for email, user_id in
            EmailAddress.objects.filter(verified=True).values_list("email", "user_id")}


def existing_contacts(pairs) -> dict[tuple[int, int], object]:
    """{(x, y): since} of the given account pairs (x < y) that are contacts already: exactly
    these pairs, each one probe of the unique (user, other) index, so the lookup neither grows
    with the contacts imported so far nor depends on the planner's statistics."""
    pairs = list(pairs)
    if not pairs:
        return {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.user_id, c.other_id, c.since FROM unnest(%s::bigint[], %s::bigint[]) AS p(u, o) "
                f"JOIN {connection.ops.quote_name(Contact._meta.db_table)} c ON c.user_id = p.u AND c.other_id = p.o",
                [[x for x, _y in pairs], [y for _x, y in pairs]])
            return {(u, o): since for u, o, since in cursor.fetchall()}
    found = {}
    for start in range(0, len(pairs), 400):
        chunk = pairs[start:start + 400]
        query = Q()
        for x, y in chunk:
            query |= Q(user_id=x, other_id=y)
        found.update({(u, o): since for u, o, since in Contact.objects.filter(query)
                      .values_list("user_id", "other_id", "since")})
    return found


def _pair_code(a: str, b: str) -> int:
    return (int(a[1:]) << 32) | int(b[1:])


class ContactsHandler(FileHandler):
    file = "contacts.jsonl.gz"
    bulk_models = ((Contact, ()),)  # pairs are found through the unique (user, other) index

    def __init__(self, ctx):
        super().__init__(ctx)
        self.seen: set[int] = set()  # directed legacy pairs read so far, to tell reversed repeats
        # Account pairs (x << 32 | y) this run wrote, when it wrote every contact there is (a fresh
        # import): a pair not in it is new, without asking the database. None: ask it.
        self.written: set[int] | None = None
        self.live: frozenset[int] = frozenset()  # accounts that existed before the import: always ask

    def observe(self, line):
        a, b = line.record.get("user_a"), line.record.get("user_b")
        try:
            self.seen.add(_pair_code(need_id({"a": a}, "a", "user"), need_id({"b": b}, "b", "user")))
        except Invalid:
            pass

    def parse(self, line):
        rec = line.record
        try:
            a, b = need_id(rec, "user_a", "user"), need_id(rec, "user_b", "user")
        except Invalid as exc:
            return exc.result(None), None
        result = imported(f"{a}-{b}")
        return result, (a, b, timestamp(rec, "since", self.ctx, result))

    def write(self, parsed):
        self._write([(result, a, b, since) for result, (a, b, since) in parsed])

    def _write(self, parsed):
        wanted = {x for _r, a, b, _s in parsed for x in (a, b)}
        memo = self.ctx.memo.get("people")
        if memo is not None:
            people = memo.lookup(wanted)
        else:
            people = {lid: (acc, merged_into) for lid, acc, merged_into in LegacyUser.objects.filter(
                legacy_id__legacy_in=wanted).values_list("legacy_id", "account_id", "merged_into")}
        candidates = set()
        for _r, a, b, _s in parsed:
            x, y = people.get(a, (None,))[0], people.get(b, (None,))[0]
            if x is not None and y is not None and x != y:
                candidates.add((min(x, y), max(x, y)))
        if self.written is None and self.writes_whole_file(Contact):  # every contact there is
            self.written = set()
            self.live = frozenset(verified_accounts_by_key().values())
        if self.written is not None:
            # Only pairs this run wrote, or pairs of accounts people use (who may have made contacts
            # on the platform meanwhile), can exist already.
            written, live = self.written, self.live
            existing = existing_contacts({(x, y) for x, y in candidates
                                          if (x << 32 | y) in written or x in live or y in live})
        else:
            existing = existing_contacts(candidates)
        new_pairs: dict[tuple[int, int], list] = {}
        for result, a, b, since in parsed:
            code, reverse = _pair_code(a, b), _pair_code(b, a)
            self.seen.add(code)
            if a == b:
                result.become("rejected", "contact_self", _("a user cannot be their own contact"))
                continue
            missing = [x for x in (a, b) if x not in people]
            if missing:
                result.become("rejected", "unknown_user", _("not in the export: %(ids)s") % {"ids": ", ".join(missing)})
                continue
            (acc_a, m_a), (acc_b, m_b) = people[a], people[b]
            if acc_a == acc_b:
                result.become("rejected", "contact_self",
                              _("%(a)s and %(b)s are the same person (re-registered)") % {"a": a, "b": b})
                continue
            pair = (min(acc_a, acc_b), max(acc_a, acc_b))
            if pair in new_pairs or pair in existing:
                reason = ("contact_both_directions" if reverse in self.seen
                          else "contact_merged_user" if (m_a or m_b) else "contact_duplicate_pair")
                result.become("merged", reason,
                              _("the contact %(a)s–%(b)s was already imported; the earliest date is kept")
                              % {"a": a, "b": b}, keep_notes=True)
                if pair in new_pairs:
                    new_pairs[pair][0] = min(new_pairs[pair][0], since)
                elif since < existing[pair]:
                    Contact.objects.filter(user_id__in=pair, other_id__in=pair).update(since=since)
                    existing[pair] = since
                continue
            new_pairs[pair] = [since]
        rows = []
        for (x, y), (since,) in new_pairs.items():
            rows += [(x, y, since), (y, x, since)]
            if self.written is not None:
                self.written.add(x << 32 | y)
        with keep_given_dates(Contact, "since"):
            insert_rows(Contact, ("user_id", "other_id", "since"), rows)
