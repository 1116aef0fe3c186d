"""A canonical dump of what the import wrote, keyed by old ids (not by database ids, which a
killed run may have consumed differently), for comparing runs."""

import json

from twinhub.contacts.models import Contact
from twinhub.labels.models import Label, LabelApplication, YearCounter
from twinhub.legacy.models import (
    LegacyFile,
    LegacyItem,
    LegacyLabel,
    LegacyProject,
    LegacyPupil,
    LegacyRecord,
    LegacySchool,
    LegacyUser,
)
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.models import Membership, School
from twinhub.twinspace.models import Material, Page, Post, Pupil, Thread, TwinSpace


def canonical_dump() -> dict:
    user_ids = {}
    for lid, acc, merged_into in LegacyUser.objects.values_list("legacy_id", "account_id", "merged_into"):
        if not merged_into:
            user_ids[acc] = lid
    school_ids = {sid: lid for lid, sid, m in LegacySchool.objects.values_list("legacy_id", "school_id", "merged_into")
                  if not m}
    project_ids = dict(LegacyProject.objects.values_list("project_id", "legacy_id"))
    return {
        "files": sorted(LegacyFile.objects.values_list("name", "lines_done", "imported", "merged", "rejected", "done")),
        "records": sorted(LegacyRecord.objects.values_list("file", "line", "legacy_id", "outcome", "reason", "detail")),
        "users": sorted(LegacyUser.objects.values_list("legacy_id", "email_key", "merged_into", "account__email",
                                                       "account__first_name", "account__is_active")),
        "schools": sorted((school_ids[s.pk], s.public_name, s.country, s.school_number, s.created_at.isoformat())
                          for s in School.objects.all()),
        "memberships": sorted((user_ids.get(m.user_id), school_ids[m.school_id], m.status, m.requested_at.isoformat(),
                               m.school_country, m.school_region)
                              for m in Membership.objects.all()),
        "contacts": sorted((user_ids.get(c.user_id), user_ids.get(c.other_id), c.since.isoformat())
                           for c in Contact.objects.all()),
        "projects": sorted((project_ids[p.pk], p.title, p.scope, p.state, user_ids.get(p.founder_id),
                            user_ids.get(p.cofounder_id), p.created_at.isoformat()) for p in Project.objects.all()),
        **_twinspaces_and_labels(user_ids, project_ids),
        "members": sorted((project_ids[m.project_id], user_ids.get(m.user_id), school_ids.get(m.school_id), m.role,
                           m.country) for m in ProjectMember.objects.all()),
    }


def _twinspaces_and_labels(user_ids, project_ids) -> dict:
    pupil_ids = {pk: lid for lid, pk in LegacyPupil.objects.values_list("legacy_id", "pupil_id")}
    items = {(kind, pk): lid for lid, kind, pk in LegacyItem.objects.values_list("legacy_id", "kind", "object_id")}
    thread_ids = {pk: lid for (kind, pk), lid in items.items() if kind == "forum_thread"}

    def who(row):
        return user_ids.get(row.author_user_id), pupil_ids.get(row.author_pupil_id)

    return {
        "twinspaces": sorted((project_ids.get(t.project_id), t.content_state) for t in TwinSpace.objects.all()),
        "pupils": sorted((pupil_ids.get(p.pk), project_ids[p.project_id], p.alias, user_ids.get(p.created_by_id),
                          p.created_at.isoformat(), p.code_reset_at) for p in Pupil.objects.all()),
        "pages": sorted((items.get(("page", p.pk)), project_ids[p.project_id], items.get(("page", p.parent_id)),
                         p.title, p.body_html, *who(p), p.created_at.isoformat()) for p in Page.objects.all()),
        "materials": sorted((items.get(("material", m.pk)), m.name, m.kind, m.content_type, m.size, *who(m))
                            for m in Material.objects.all()),
        "threads": sorted((thread_ids.get(t.pk, ""), project_ids[t.project_id], t.title, *who(t),
                           str(t.last_post_at)) for t in Thread.objects.all()),
        "posts": sorted((items.get(("forum_post", p.pk), ""), thread_ids.get(p.thread_id, ""), p.body_html, *who(p),
                         p.created_at.isoformat()) for p in Post.objects.all()),
        "items": sorted(LegacyItem.objects.values_list("legacy_id", "kind", "full_title")),
        "applications": sorted((a.legacy_id, project_ids[a.project_id], user_ids.get(a.applicant_id), a.year,
                                a.position_in_year, a.evaluation_status, a.total) for a in LabelApplication.objects.all()),
        "labels": sorted((lb.legacy_id, lb.kind, lb.year, user_ids.get(lb.holder_id), project_ids.get(lb.project_id),
                          lb.application.legacy_id if lb.application_id else None) for lb in Label.objects.all()),
        "legacy_labels": sorted(LegacyLabel.objects.values_list("legacy_id", "kind", "status", "country")),
        "counters": sorted((user_ids.get(c.user_id), c.year, c.submitted) for c in YearCounter.objects.all()),
    }


def print_canonical_dump() -> None:
    """For a test that runs the import in another process, on a database file: the dump as one line."""
    print(json.dumps(canonical_dump(), default=str))
