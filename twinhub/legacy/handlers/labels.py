"""The labels phase: quality label applications.

National applications become National Quality Label applications (awarded ones with their
label, i.e. the certificate and its verification code), held by the applicant's account (a
placeholder until the teacher claims it with the same e-mail key, like everything else). Each
takes its place in the teacher's yearly counter by application time (renumbered once the file is
complete, `label_positions`), so a pending one is evaluated or not by the same rule as a new one.
Awarded European applications become European Quality Labels; a European application that was not awarded is kept in the migration archive
(`LegacyLabel`), because the new platform selects European labels by nomination, not application."""

from datetime import UTC, datetime

from django.utils.translation import gettext as _

from twinhub.labels import rules as label_rules
from twinhub.labels.models import EvaluationStatus, Label, LabelApplication, LabelKind, YearCounter
from twinhub.legacy.bulk import build, insert
from twinhub.legacy.handlers.base import FileHandler, imported
from twinhub.legacy.handlers.common import (
    Invalid,
    keep_given_dates,
    need_choice,
    need_country,
    need_id,
    timestamp,
)
from twinhub.legacy.label_positions import renumber
from twinhub.legacy.models import LegacyLabel, LegacyProject, LegacyRecord, LegacyUser, Outcome

# The old assessment's criteria and the new platform's (same 0–10 scale; sub-criteria unknown).
SCORES = {"pedagogical_innovation": "pedagogy", "curricular_integration": "curriculum",
          "collaboration": "collaboration", "use_of_technology": "technology", "results_impact": "results"}
STATUS = {"pending": EvaluationStatus.QUEUED, "awarded": EvaluationStatus.AWARDED,
          "rejected": EvaluationStatus.REJECTED}


def scores_from_legacy(scores) -> dict | None:
    if not isinstance(scores, dict):
        return None
    mapped = {new: scores.get(old) for old, new in SCORES.items()}
    if not all(isinstance(v, int) and 0 <= v <= label_rules.CRITERION_MAX for v in mapped.values()):
        return None
    return mapped


class LabelsHandler(FileHandler):
    file = "quality_labels.jsonl.gz"
    # Set aside like the other files' (decision 43): a deferred foreign key checked every row at commit, a
    # fifth of the phase. Applications are found by their unique keys, labels by project and holder.
    bulk_models = ((LabelApplication, ()), (Label, ("project_id", "holder_id")), (LegacyLabel, ()),
                   (YearCounter, ("user_id",)))

    def process(self, lines):
        parsed, results = [], []
        for line in lines:
            rec, lid = line.record, line.record.get("legacy_id")
            result = imported(lid if isinstance(lid, str) else None)
            results.append(result)
            try:
                lid = need_id(rec, "legacy_id", "label")
                pid = need_id(rec, "project_id", "project")
                uid = need_id(rec, "user_id", "user")
                country = need_country(rec)
                kind = need_choice(rec, "label", ("national", "european"))
                status = need_choice(rec, "status", STATUS)
                year = rec.get("year")
                if not isinstance(year, int) or not 2005 <= year <= 2100:
                    raise Invalid("invalid_field", _("year is not a year: %(value)r") % {"value": year})
            except Invalid as exc:
                results[-1] = exc.result(result.legacy_id)
                continue
            applied = timestamp(rec, "applied_at", self.ctx, result, fallback=False)
            if applied is None:  # unknown: the start of the label's year is the best bound
                applied = datetime(year, 1, 1, tzinfo=UTC)
            awarded = None
            if status == "awarded":
                awarded = timestamp(rec, "awarded_at", self.ctx, result)
            scores = scores_from_legacy(rec.get("scores"))
            if status == "awarded" and scores is None:
                result.note("ql_awarded_without_scores", _("awarded without scores (an old record): scores unknown"))
            parsed.append(dict(result=result, line=line.number, lid=lid, pid=pid, uid=uid, country=country, kind=kind, status=status,
                               year=year, applied=applied, awarded=awarded, scores=scores))
        return self._write(parsed, results)

    def _write(self, parsed, results):
        known = set(LegacyLabel.objects.filter(legacy_id__legacy_in=[p["lid"] for p in parsed])
                    .values_list("legacy_id", flat=True))
        projects = dict(LegacyProject.objects.filter(legacy_id__legacy_in={p["pid"] for p in parsed})
                        .values_list("legacy_id", "project_id"))
        people = {lid: (acc, country) for lid, acc, country in LegacyUser.objects.filter(
            legacy_id__legacy_in={p["uid"] for p in parsed}).values_list("legacy_id", "account_id", "country")}
        accounts = {acc for acc, _c in people.values()}
        years = {p["year"] for p in parsed}
        applied = set(LabelApplication.objects.filter(project_id__legacy_in=projects.values(), applicant_id__legacy_in=accounts)
                      .values_list("project_id", "applicant_id", "year"))
        eqls = set(Label.objects.filter(kind=LabelKind.EQL, project_id__legacy_in=projects.values(), holder_id__legacy_in=accounts)
                   .values_list("project_id", "holder_id"))
        counters = {(u, y): n for u, y, n in YearCounter.objects.filter(user_id__legacy_in=accounts, year__legacy_in=years)
                    .values_list("user_id", "year", "submitted")}
        touched, archive, applications, eql_labels = set(), [], [], []
        for p in parsed:
            result, lid = p["result"], p["lid"]
            if lid in known:
                result.become("merged", "duplicate_id", _("%(id)s was already imported") % {"id": lid})
                continue
            known.add(lid)
            if p["pid"] not in projects:
                result.become("rejected", "unknown_project", _("project %(id)s is not in the export") % {"id": p["pid"]})
                continue
            if p["uid"] not in people:
                result.become("rejected", "unknown_user", _("user %(id)s is not in the export") % {"id": p["uid"]})
                continue
            project, (account, user_country) = projects[p["pid"]], people[p["uid"]]
            if p["country"] != user_country:
                result.note("ql_country_changed", _("applied from %(applied)s; the teacher's country is now "
                                                    "%(now)s: the application's country is kept")
                            % {"applied": p["country"], "now": user_country})
            row = build(LegacyLabel, legacy_id=lid, kind=p["kind"], status=p["status"], project_id=project,
                              account_id=account, country=p["country"], year=p["year"], applied_at=p["applied"],
                              line=p["line"])
            if p["kind"] == "european":
                if p["status"] == "awarded":
                    if (project, account) in eqls:
                        result.become("merged", "label_duplicate",
                                      _("this teacher already holds the European label of %(id)s")
                                      % {"id": p["pid"]})
                        continue
                    eqls.add((project, account))
                    eql_labels.append((row, build(Label, kind=LabelKind.EQL, year=p["year"], country=p["country"],
                                                  holder_id=account, project_id=project, awarded_at=p["awarded"],
                                                  legacy_id=lid)))
                else:
                    result.note("eql_application_archived",
                                _("a European application (%(status)s) is kept in the migration archive: the new "
                                  "platform selects European labels by nomination") % {"status": p["status"]})
                    archive.append(row)
                continue
            if (project, account, p["year"]) in applied:
                result.become("merged", "label_duplicate",
                              _("this teacher already applied for the national label of %(id)s in %(year)s")
                              % {"id": p["pid"], "year": p["year"]})
                continue
            applied.add((project, account, p["year"]))
            # A provisional position in file order; `finish` renumbers by application time.
            position = counters.get((account, p["year"]), 0) + 1
            counters[(account, p["year"])] = position
            touched.add((account, p["year"]))
            status = STATUS[p["status"]]
            scores = p["scores"] if p["status"] != "pending" else None
            application = build(LabelApplication,
                project_id=project, applicant_id=account, country=p["country"], year=p["year"],
                position_in_year=position, submitted_at=p["applied"], pedagogy="", curriculum="", collaboration="",
                technology="", results="", evaluation_status=status, scores=scores,
                total=label_rules.total_score(scores) if scores else None, decided_at=p["awarded"], legacy_id=lid)
            applications.append((row, application, p))
        with keep_given_dates(LabelApplication, "submitted_at"):
            insert(LabelApplication, [a for _r, a, _p in applications])
        nqls = []
        for row, application, p in applications:
            row.application_id = application.pk
            if p["status"] == "awarded":
                nqls.append((row, build(Label, kind=LabelKind.NQL, year=p["year"], country=p["country"],
                                        holder_id=application.applicant_id, project_id=application.project_id,
                                        application_id=application.pk, awarded_at=p["awarded"], legacy_id=p["lid"])))
        insert(Label, [label for _r, label in nqls + eql_labels])
        for row, label in nqls + eql_labels:
            row.label_id = label.pk
        insert(LegacyLabel, archive + [r for r, _a, _p in applications] + [r for r, _l in eql_labels])
        YearCounter.objects.bulk_create(
            [build(YearCounter, user_id=u, year=y, submitted=counters[(u, y)]) for u, y in touched],
            update_conflicts=True, unique_fields=["user", "year"], update_fields=["submitted"])
        return results

    def finish(self):
        """The whole file is in: each teacher-year's positions follow application time across
        projects, and applications not decided yet get their status from rule 8 again; the notes
        say which were not evaluated and why."""
        done = renumber(LabelApplication.objects.filter(
            applicant_id__in=LabelApplication.objects.filter(legacy_id__isnull=False).values("applicant_id")))
        lines = {application: (lid, line) for application, lid, line in LegacyLabel.objects.filter(
            application__isnull=False).values_list("application_id", "legacy_id", "line")}
        LegacyRecord.objects.filter(file=self.file, reason__in=["ql_over_yearly_limit", "ql_too_many_members"]).delete()
        notes = []
        for item in done:
            application = item.application
            if application.pk not in lines:
                continue
            lid, line = lines[application.pk]
            status, position, year = application.evaluation_status, application.position_in_year, application.year
            if status == EvaluationStatus.OVER_YEARLY_LIMIT:
                detail = _("application number %(n)d of the teacher in %(year)s: over the yearly limit, it will not "
                           "be evaluated") % {"n": position, "year": year}
                notes.append((lid, line, "ql_over_yearly_limit", detail))
            elif status == EvaluationStatus.TOO_MANY_MEMBERS:
                detail = _("%(n)d members from %(country)s (limit %(limit)d): it will not be evaluated") % {
                    "n": item.members, "country": application.country, "limit": item.policy.max_members_from_country}
                notes.append((lid, line, "ql_too_many_members", detail))
            elif status in (EvaluationStatus.AWARDED, EvaluationStatus.REJECTED) \
                    and label_rules.over_yearly_limit(position_in_year=position, policy=item.policy):
                detail = _("application number %(n)d of the teacher in %(year)s, over today's yearly limit: the old "
                           "decision is kept") % {"n": position, "year": year}
                notes.append((lid, line, "ql_over_yearly_limit", detail))
        insert(LegacyRecord, [build(LegacyRecord, file=self.file, line=line, legacy_id=lid, outcome=Outcome.NOTE,
                                           reason=reason, detail=detail) for lid, line, reason, detail in notes])


handlers = (LabelsHandler,)
