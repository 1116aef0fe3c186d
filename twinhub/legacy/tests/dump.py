"""A canonical dump of what the import wrote, keyed by old ids (not by database ids, which a
killed run may have consumed differently), for comparing runs."""

from twinhub.contacts.models import Contact
from twinhub.legacy.models import LegacyFile, LegacyProject, LegacyRecord, LegacySchool, LegacyUser
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.models import Membership, School


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
        "memberships": sorted((user_ids.get(m.user_id), school_ids[m.school_id], m.status, m.requested_at.isoformat())
                              for m in Membership.objects.all()),
        "contacts": sorted((user_ids.get(c.user_id), user_ids.get(c.other_id), c.since.isoformat())
                           for c in Contact.objects.all()),
        "projects": sorted((project_ids[p.pk], p.title, p.scope, p.state, user_ids.get(p.founder_id),
                            user_ids.get(p.cofounder_id), p.created_at.isoformat()) for p in Project.objects.all()),
        "members": sorted((project_ids[m.project_id], user_ids.get(m.user_id), school_ids.get(m.school_id), m.role,
                           m.country) for m in ProjectMember.objects.all()),
    }


def main():  # used by the kill-and-resume test on a file database
    import json

    print(json.dumps(canonical_dump(), default=str))
