"""The projects phase: projects and their members; once the members are in, each project's scope is
decided by rule 2 on the same input as a new project's (`projects.services.project_scopes_decide_imported`)."""

from django.utils.translation import gettext as _

from twinhub.legacy.bulk import insert_numbered, insert_rows
from twinhub.legacy.format import age_ranges_between, subjects_from_legacy
from twinhub.legacy.handlers.base import FileHandler, imported
from twinhub.legacy.handlers.common import (
    Invalid,
    clean_text,
    keep_given_dates,
    need_choice,
    need_id,
    need_list,
    need_str,
    timestamp,
)
from twinhub.legacy.models import LegacyProject, LegacySchool, LegacyUser
from twinhub.projects.models import Project, ProjectMember
from twinhub.projects.rules import scope_for_founders
from twinhub.projects.services import project_scopes_decide_imported
from twinhub.twinspace.models import ContentState, TwinSpace

TITLE_MAX = Project._meta.get_field("title").max_length


# The columns of a project's row (ProjectsHandler streams tuples, numbered like `insert` numbered instances).
PROJECT_COLUMNS = ("title", "description", "languages", "subjects", "age_ranges", "founder_id", "cofounder_id",
                   "founder_countries", "scope", "state", "created_at", "activated_at")


def display_title(title: str) -> str:
    """Short enough for the new schema; the full title stays in LegacyProject.full_title."""
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"


def project_state(status: str, approved: bool) -> str:
    if status == "active":
        return "open" if approved else "awaiting_approval"
    return status  # closed, archived


class ProjectsHandler(FileHandler):
    file = "projects.jsonl.gz"

    def process(self, lines):
        parsed, results = [], []
        for line in lines:
            rec, lid = line.record, line.record.get("legacy_id")
            result = imported(lid if isinstance(lid, str) else None)
            results.append(result)
            try:
                lid = need_id(rec, "legacy_id", "project")
                full_title = need_str(rec, "title")
                title = clean_text(full_title)
                founders = [need_id({"founder_ids": f}, "founder_ids", "user") for f in need_list(rec, "founder_ids")]
                status = need_choice(rec, "status", ("active", "closed", "archived"))
                low, high = rec.get("age_range_min"), rec.get("age_range_max")
                if not isinstance(low, int) or not isinstance(high, int):
                    raise Invalid("invalid_field", _("age_range_min/age_range_max are not numbers"))
            except Invalid as exc:
                results[-1] = exc.result(result.legacy_id)
                continue
            created = timestamp(rec, "created_at", self.ctx, result)
            if len(title) > TITLE_MAX:
                result.note("title_long", _("title of %(n)d characters shortened for display; kept in full")
                            % {"n": len(title)})
            parsed.append((result, lid, (title, full_title), founders, status, rec.get("approved") is True, low, high, created, rec))
        known = set(LegacyProject.objects.filter(legacy_id__legacy_in=[p[1] for p in parsed])
                    .values_list("legacy_id", flat=True))
        people = {lid: (acc, country) for lid, acc, country in LegacyUser.objects.filter(
            legacy_id__legacy_in={f for p in parsed for f in p[3]}).values_list("legacy_id", "account_id", "country")}
        projects, links = [], []
        for result, lid, (title, full_title), founders, status, approved, low, high, created, rec in parsed:
            if lid in known:
                result.become("merged", "duplicate_id", _("%(id)s was already imported") % {"id": lid})
                continue
            known.add(lid)
            missing = [f for f in founders if f not in people]
            if missing:
                result.note("founder_unknown", _("founders not in the export: %(ids)s") % {"ids": ", ".join(missing)})
            known_founders = [people[f] for f in founders if f in people]
            # A started project needs a scope: the founders' own countries until their memberships are
            # in; MembersHandler.finish then decides it by rule 2 on the live input (their schools).
            countries = [country for _acc, country in known_founders[:2]]
            accounts = [acc for acc, _c in known_founders]
            projects.append((
                display_title(title), str(rec.get("description") or ""),
                [x for x in rec.get("languages") or [] if isinstance(x, str)],
                subjects_from_legacy(rec.get("subjects")), age_ranges_between(low, high),
                accounts[0] if accounts else None, accounts[1] if len(accounts) > 1 else None,
                countries, scope_for_founders(countries), project_state(status, approved), created, created))
            links.append((lid, full_title))
        with keep_given_dates(Project, "created_at"):
            ids = insert_numbered(Project, PROJECT_COLUMNS, projects)
        insert_rows(LegacyProject, ("legacy_id", "project_id", "full_title"),
                    [(lid, pk, t) for (lid, t), pk in zip(links, ids, strict=True)])
        # "Still being moved from the old platform" until the twinspaces phase is done.
        insert_rows(TwinSpace, ("project_id", "content_state"), [(pk, ContentState.AWAITING_MIGRATION) for pk in ids])
        return results


class MembersHandler(FileHandler):
    file = "project_members.jsonl.gz"
    bulk_models = ((ProjectMember, ("project_id",)),)  # each batch reads its projects' members

    def parse(self, line):
        rec = line.record
        try:
            pid = need_id(rec, "project_id", "project")
            uid = need_id(rec, "user_id", "user")
            sid = need_id(rec, "school_id", "school", nullable=True)
            role = need_choice(rec, "role", ("founder", "member"))
        except Invalid as exc:
            return exc.result(None), None
        result = imported(f"{pid}/{uid}")
        return result, (pid, uid, sid, role, timestamp(rec, "joined_at", self.ctx, result))

    def write(self, parsed):
        parsed = [(result, *item) for result, item in parsed]
        projects = dict(LegacyProject.objects.filter(legacy_id__legacy_in={p[1] for p in parsed})
                        .values_list("legacy_id", "project_id"))
        people = {lid: (acc, country, m) for lid, acc, country, m in LegacyUser.objects.filter(
            legacy_id__legacy_in={p[2] for p in parsed}).values_list("legacy_id", "account_id", "country", "merged_into")}
        schools = {lid: (sid, country) for lid, sid, country in LegacySchool.objects.filter(
            legacy_id__legacy_in={p[3] for p in parsed if p[3]}).values_list("legacy_id", "school_id", "school__country")}
        existing = set(ProjectMember.objects.filter(project_id__legacy_in=projects.values())
                       .values_list("project_id", "user_id"))
        rows = []
        for result, pid, uid, sid, role, joined in parsed:
            if pid not in projects:
                result.become("rejected", "unknown_project", _("project %(id)s is not in the export") % {"id": pid})
                continue
            if uid not in people:
                result.become("rejected", "unknown_user", _("user %(id)s is not in the export") % {"id": uid})
                continue
            account, country, merged_into = people[uid]
            key = (projects[pid], account)
            if key in existing:
                reason = "member_merged_user" if merged_into else "member_duplicate"
                result.become("merged", reason, _("%(user)s is already a member of %(project)s")
                              % {"user": uid, "project": pid})
                continue
            existing.add(key)
            school_id = None
            if sid and sid in schools:
                school_id, country = schools[sid]
            elif sid:
                result.note("school_missing", _("school %(id)s is not in the export; member kept without a school")
                            % {"id": sid})
            rows.append((key[0], account, school_id, country, role, joined))
        with keep_given_dates(ProjectMember, "joined_at"):
            insert_rows(ProjectMember, ("project_id", "user_id", "school_id", "country", "role", "joined_at"), rows)

    def finish(self):
        """Every membership is in: rule 2 decides each imported project's scope from the countries of
        its founders' memberships, the input a new project's scope is decided on."""
        project_scopes_decide_imported(project_ids=LegacyProject.objects.values_list("project_id", flat=True))
