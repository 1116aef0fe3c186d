"""The twinspaces phase: pupils (first: items written by pupils name them), then TwinSpace items
(pages, materials, forum threads and posts). HTML goes through the one sanitiser of user input.
At the end of the phase every migrated project's TwinSpace becomes ready."""

import mimetypes
import re
import secrets

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from twinhub.core.sanitize import sanitize_html
from twinhub.legacy.bulk import build, insert, insert_numbered, insert_rows
from twinhub.legacy.handlers.base import FileHandler, imported
from twinhub.legacy.handlers.common import (
    Invalid,
    keep_given_dates,
    need_choice,
    need_id,
    need_str,
    timestamp,
)
from twinhub.legacy.models import LegacyItem, LegacyProject, LegacyPupil, LegacyUser
from twinhub.twinspace.filetypes import ALLOWED as MATERIAL_KINDS
from twinhub.twinspace.models import ContentState, Material, Page, Post, Pupil, Thread, TwinSpace

TITLE_MAX = Page._meta.get_field("title").max_length
NAME_MAX = Material._meta.get_field("name").max_length
ALIAS_MAX = Pupil._meta.get_field("alias").max_length
KINDS = ("page", "material", "forum_thread", "forum_post")
# Columns of the rows _write_round streams; every kind ends with the authored ones.
AUTHORED = ("created_at", "author_user_id", "author_pupil_id")
PAGE_COLUMNS = ("project_id", "title", "body_html", "parent_id", *AUTHORED)
MATERIAL_COLUMNS = ("project_id", "file", "name", "kind", "content_type", "size", *AUTHORED)
THREAD_COLUMNS = ("project_id", "title", "last_post_at", *AUTHORED)
POST_COLUMNS = ("thread_id", "body_html", *AUTHORED)

# What the sanitiser removes and the report should say it removed (format §6.6).
_UNSAFE = re.compile(r"<\s*script|\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain_excerpt(html: str, limit: int) -> str:
    return shorten(" ".join(_TAGS.sub(" ", html).replace("&nbsp;", " ").split()), limit)


def unusable_login_key() -> str:
    """A key no login code hashes to: the pupil needs a new code from a teacher before logging in."""
    return secrets.token_hex(32)


def material_kind(content_type: str, file_name: str) -> tuple[str, str]:
    """(kind, MIME type): the recorded type, or the extension's when the old platform recorded none."""
    if not content_type or content_type == "application/octet-stream":
        guessed, _enc = mimetypes.guess_type(file_name.lower())
        content_type = guessed or "application/octet-stream"
    return MATERIAL_KINDS.get(content_type, "document"), content_type[:100]


class PupilsHandler(FileHandler):
    file = "pupils.jsonl.gz"

    def process(self, lines):
        parsed, results = [], []
        for line in lines:
            rec, lid = line.record, line.record.get("legacy_id")
            result = imported(lid if isinstance(lid, str) else None)
            results.append(result)
            try:
                lid = need_id(rec, "legacy_id", "pupil")
                pid = need_id(rec, "project_id", "project")
                alias = " ".join(need_str(rec, "alias").split())
                creator = need_id(rec, "created_by", "user")
            except Invalid as exc:
                results[-1] = exc.result(result.legacy_id)
                continue
            if len(alias) > ALIAS_MAX:
                result.note("alias_long", _("alias of %(n)d characters shortened to %(max)d")
                            % {"n": len(alias), "max": ALIAS_MAX})
            parsed.append((result, lid, pid, alias[:ALIAS_MAX], creator, timestamp(rec, "created_at", self.ctx, result)))
        known = set(LegacyPupil.objects.filter(legacy_id__legacy_in=[p[1] for p in parsed]).values_list("legacy_id", flat=True))
        projects = dict(LegacyProject.objects.filter(legacy_id__legacy_in={p[2] for p in parsed})
                        .values_list("legacy_id", "project_id"))
        people = dict(LegacyUser.objects.filter(legacy_id__legacy_in={p[4] for p in parsed})
                      .values_list("legacy_id", "account_id"))
        taken = {(project, alias): pk for pk, project, alias in Pupil.objects.filter(
            project_id__legacy_in=projects.values(), alias__legacy_in={p[3] for p in parsed}).values_list("id", "project_id", "alias")}
        new, links = {}, []
        for result, lid, pid, alias, creator, created in parsed:
            if lid in known:
                result.become("merged", "duplicate_id", _("%(id)s was already imported") % {"id": lid})
                continue
            known.add(lid)
            if pid not in projects:
                result.become("rejected", "unknown_project", _("project %(id)s is not in the export") % {"id": pid})
                continue
            key = (projects[pid], alias)
            if key in taken or key in new:
                result.become("merged", "pupil_same_alias",
                              _("the project already has a pupil called %(alias)s") % {"alias": alias})
                links.append((lid, key))
                continue
            if creator not in people:
                result.note("creator_unknown", _("created by %(id)s, who is not in the export") % {"id": creator})
            new[key] = build(Pupil, project_id=key[0], alias=alias, login_key=unusable_login_key(),
                             created_by_id=people.get(creator), created_at=created)
            links.append((lid, key))
        with keep_given_dates(Pupil, "created_at"):
            insert(Pupil, list(new.values()))
        taken.update({key: pupil.pk for key, pupil in new.items()})
        insert_rows(LegacyPupil, ("legacy_id", "pupil_id"), [(lid, taken[key]) for lid, key in links])
        return results


class ItemsHandler(FileHandler):
    file = "twinspace_items.jsonl.gz"
    # Parents are found through LegacyItem's unique legacy id; these tables are only written.
    bulk_models = ((Page, ()), (Material, ()), (Thread, ()), (Post, ()))

    def __init__(self, ctx):
        super().__init__(ctx)
        # Codes (the digits of T…) of the items this run wrote, when it writes the file from its first
        # line into an empty table: a repeated id is then found without asking the database.
        self.written: set[int] | None = None

    def parse(self, line):
        rec, lid = line.record, line.record.get("legacy_id")
        result = imported(lid if isinstance(lid, str) else None)
        try:
            return result, self._parse(rec, result)
        except Invalid as exc:
            return exc.result(result.legacy_id), None

    def write(self, parsed):
        self._write([item for _result, item in parsed])

    def _parse(self, rec, result) -> dict:
        lid = need_id(rec, "legacy_id", "item")
        kind = need_choice(rec, "kind", KINDS)
        item = {"result": result, "lid": lid, "kind": kind, "pid": need_id(rec, "project_id", "project"),
                "parent": need_id(rec, "parent_id", "item", nullable=True),
                "author": need_id(rec, "author_id", "user", nullable=True),
                "alias": need_str(rec, "author_pupil_alias", nullable=True, allow_empty=True),
                "title": need_str(rec, "title", nullable=kind == "forum_post", allow_empty=True),
                "body": need_str(rec, "body_html", allow_empty=True)}
        if kind == "material":
            item["file_name"] = need_str(rec, "file_name")
            size = rec.get("file_size_bytes")
            if not isinstance(size, int) or size < 0:
                raise Invalid("invalid_field", _("file_size_bytes is not a size: %(value)r") % {"value": size})
            item["size"] = size
            item["content_type"] = need_str(rec, "content_type", nullable=True, allow_empty=True) or ""
        item["created"] = timestamp(rec, "created_at", self.ctx, result)
        body = item["body"]
        if _UNSAFE.search(body):
            result.note("html_sanitised", _("scripts, event handlers or javascript: links removed"))
        item["body"] = clean = sanitize_html(body)
        if "<img" not in clean and not _TAGS.sub("", clean).replace("&nbsp;", " ").replace("\xa0", " ").strip():
            result.note("body_empty", _("the body is empty"))
        title = " ".join((item["title"] or "").split())
        item["full_title"] = ""
        if kind != "forum_post" and not title:
            title = plain_excerpt(clean, TITLE_MAX) or lid  # an item needs a title on the new platform
            result.note("title_missing", _("no title: %(title)r shown instead") % {"title": title})
        if len(title) > TITLE_MAX:
            result.note("title_long", _("title of %(n)d characters shortened for display; kept in full")
                        % {"n": len(title)})
            item["full_title"] = item["title"]
        elif kind == "forum_post" and item["title"]:
            item["full_title"] = item["title"]  # posts have no title on the new platform
        item["title"] = shorten(title, TITLE_MAX)
        return item

    def _write(self, items: list[dict]) -> None:
        if self.written is None and self.writes_whole_file(LegacyItem):
            self.written = set()
        if self.written is not None:
            known = {i["lid"] for i in items if int(i["lid"][1:]) in self.written}
        else:
            known = set(LegacyItem.objects.filter(legacy_id__legacy_in=[i["lid"] for i in items])
                        .values_list("legacy_id", flat=True))
        projects = dict(LegacyProject.objects.filter(legacy_id__legacy_in={i["pid"] for i in items})
                        .values_list("legacy_id", "project_id"))
        people = dict(LegacyUser.objects.filter(legacy_id__legacy_in={i["author"] for i in items if i["author"]})
                      .values_list("legacy_id", "account_id"))
        pupils = {(project, alias): pk for pk, project, alias in Pupil.objects.filter(
            project_id__legacy_in=projects.values(), alias__legacy_in={i["alias"][:ALIAS_MAX] for i in items if i["alias"]})
            .values_list("id", "project_id", "alias")}
        # Parents written by earlier batches; parents in this batch are found as they are written.
        parents = {lid: (kind, pk) for lid, kind, pk in LegacyItem.objects.filter(
            legacy_id__legacy_in={i["parent"] for i in items if i["parent"]}).values_list("legacy_id", "kind", "object_id")}
        todo = []
        for item in items:
            result, lid = item["result"], item["lid"]
            if lid in known:
                result.become("merged", "duplicate_id", _("%(id)s was already imported") % {"id": lid})
                continue
            known.add(lid)
            if item["pid"] not in projects:
                result.become("rejected", "unknown_project",
                              _("project %(id)s is not in the export") % {"id": item["pid"]})
                continue
            item["project"] = projects[item["pid"]]
            item["authorship"] = self._authorship(item, people, pupils)
            todo.append(item)
        links = []
        # Parents precede their children: write in rounds, each round the items whose parent is known.
        while todo:
            ready, waiting = [], []
            pending_parents = {i["lid"] for i in todo}
            for item in todo:
                parent = item["parent"]
                if parent and parent not in parents and parent in pending_parents and parent != item["lid"]:
                    waiting.append(item)
                else:
                    ready.append(item)
            if not ready:  # a cycle of missing parents cannot happen in the format; break it anyway
                ready, waiting = waiting, []
            links += self._write_round(ready, parents)
            todo = waiting
        insert_rows(LegacyItem, ("legacy_id", "kind", "object_id", "full_title"), links)
        if self.written is not None:
            self.written.update(int(lid[1:]) for lid, *_rest in links)

    def _authorship(self, item, people, pupils) -> dict:
        result = item["result"]
        if item["author"]:
            if item["author"] in people:
                return {"author_user_id": people[item["author"]]}
            result.note("author_unknown", _("written by %(id)s, who is not in the export: imported without an "
                                            "author") % {"id": item["author"]})
            return {}
        if item["alias"]:
            pupil = pupils.get((item["project"], item["alias"][:ALIAS_MAX]))
            if pupil:
                return {"author_pupil_id": pupil}
            result.note("pupil_unknown", _("written by the pupil %(alias)r, who is not in the export: imported "
                                           "without an author") % {"alias": item["alias"]})
            return {}
        result.note("author_unknown", _("no author: imported without an author"))
        return {}

    def _parent_of(self, item, parents, wanted: str):
        """The new id of the item's parent of the wanted kind, or None (noted) when it is missing."""
        parent = item["parent"]
        if not parent:
            return None
        found = parents.get(parent)
        if found and found[0] == wanted:
            return found[1]
        item["result"].note("item_parent_missing", _("parent %(id)s is not in the export: imported as a "
                                                     "top-level item") % {"id": parent})
        return None

    def _write_round(self, items, parents) -> list[tuple]:
        """Writes the items; returns their LegacyItem rows (legacy_id, kind, object_id, full_title).
        Rows go to COPY as tuples (AUTHORED columns last), numbered in the order `insert` numbered
        the instances: pages, materials, threads (then the threads of orphan posts), posts."""
        pages, materials, threads, posts, orphans = [], [], [], [], []
        for item in items:
            who = item["authorship"]
            authored = (item["created"], who.get("author_user_id"), who.get("author_pupil_id"))
            kind = item["kind"]
            if kind == "page":
                pages.append((item, (item["project"], item["title"], item["body"],
                                     self._parent_of(item, parents, "page"), *authored)))
            elif kind == "material":
                mkind, ctype = material_kind(item["content_type"], item["file_name"])
                materials.append((item, (item["project"], "", shorten(item["file_name"], NAME_MAX), mkind, ctype,
                                         item["size"], *authored)))
            elif kind == "forum_thread":
                threads.append((item, (item["project"], item["title"], item["created"], *authored)))
            else:
                thread = self._parent_of(item, parents, "forum_thread")
                if thread is None:  # its thread is gone: the post opens a thread of its own
                    title = item["title"].removeprefix("Re:").strip() or plain_excerpt(item["body"], TITLE_MAX) \
                        or item["lid"]
                    orphans.append((item, (item["project"], shorten(title, TITLE_MAX), item["created"], *authored),
                                    authored))
                else:
                    posts.append((item, (thread, item["body"], *authored)))
        with keep_given_dates(Page, "created_at"), keep_given_dates(Material, "created_at"), \
                keep_given_dates(Thread, "created_at"), keep_given_dates(Post, "created_at"):
            page_ids = insert_numbered(Page, PAGE_COLUMNS, [row for _i, row in pages])
            material_ids = insert_numbered(Material, MATERIAL_COLUMNS, [row for _i, row in materials])
            thread_ids = insert_numbered(Thread, THREAD_COLUMNS, [row for _i, row in threads]
                                         + [row for _i, row, _a in orphans])
            openers = [(thread_id, i["body"], *row[3:]) for (i, row), thread_id in zip(threads, thread_ids, strict=False)]
            orphan_posts = [(thread_id, i["body"], *authored)
                            for (i, _row, authored), thread_id in zip(orphans, thread_ids[len(threads):], strict=True)]
            post_ids = insert_numbered(Post, POST_COLUMNS, openers + [row for _i, row in posts] + orphan_posts)
        post_ids = post_ids[len(openers):]
        links = []
        for kind, rows, ids in (("page", pages, page_ids), ("material", materials, material_ids),
                                ("forum_thread", threads, thread_ids), ("forum_post", posts, post_ids)):
            for (item, _row), pk in zip(rows, ids, strict=False):
                parents[item["lid"]] = (kind, pk)
                links.append((item["lid"], kind, pk, item["full_title"]))
        for (item, _thread, _a), pk in zip(orphans, post_ids[len(posts):], strict=True):
            parents[item["lid"]] = ("forum_post", pk)
            links.append((item["lid"], "forum_post", pk, item["full_title"]))
        return links

    def finish(self):
        """Threads show their latest post first; then the migrated TwinSpaces are ready."""
        if connection.vendor == "postgresql":
            # One pass over the posts (grouped), not one probe of the posts per thread.
            quote = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(Thread._meta.db_table)} t SET last_post_at = m.latest FROM ("
                    f" SELECT p.thread_id, max(p.created_at) AS latest FROM {quote(Post._meta.db_table)} p"
                    f" WHERE p.thread_id IN (SELECT object_id FROM {quote(LegacyItem._meta.db_table)}"
                    "                        WHERE kind = 'forum_thread')"
                    " GROUP BY p.thread_id) m WHERE t.id = m.thread_id")
        else:
            legacy_threads = LegacyItem.objects.filter(kind="forum_thread").values("object_id")
            latest = Post.objects.filter(thread=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
            Thread.objects.filter(pk__in=Subquery(legacy_threads)).update(last_post_at=Subquery(latest))
        TwinSpace.objects.filter(project__legacy__isnull=False, content_state=ContentState.AWAITING_MIGRATION) \
            .update(content_state=ContentState.READY)


handlers = (PupilsHandler, ItemsHandler)
