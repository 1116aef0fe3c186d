"""The permission table and the state modifiers, as pure functions (no database)."""

import pytest

from twinhub.testing.twinspace import EXPECTED_PERMISSIONS as EXPECTED
from twinhub.twinspace import permissions as p


@pytest.mark.parametrize("role", p.ROLES)
@pytest.mark.parametrize("action", p.ACTIONS)
def test_open_twinspace_follows_the_table(role, action):
    refusal = p.twinspace_permission(role, action, "open")
    assert (refusal is None) == (action in EXPECTED[role])
    if refusal is not None:
        # Someone who cannot read gets "not found"; a reader gets an explained "forbidden".
        expected = "forbidden" if "view" in EXPECTED[role] or action == "view_public" else "not_found"
        assert refusal.code == expected
        assert refusal.message


@pytest.mark.parametrize("role", p.ROLES)
@pytest.mark.parametrize("action", p.ACTIONS)
def test_archived_is_read_only(role, action):
    refusal = p.twinspace_permission(role, action, "archived")
    if action in ("view", "view_public") and action in EXPECTED[role]:
        assert refusal is None
    else:
        assert refusal is not None
        if action in EXPECTED[role]:
            assert refusal.code == "twinspace_archived" and refusal.status == 409


@pytest.mark.parametrize("role", p.ROLES)
@pytest.mark.parametrize("action", p.ACTIONS)
@pytest.mark.parametrize("state", ["closed", "awaiting_cofounder", "awaiting_approval", "declined"])
def test_closed_is_for_administrators_only(role, action, state):
    refusal = p.twinspace_permission(role, action, state)
    if role != "admin":
        assert refusal.code == "not_found" and refusal.status == 404
    elif action in ("view", "view_public"):
        assert refusal is None
    else:
        assert refusal.code == "twinspace_closed"


@pytest.mark.parametrize("action", sorted(EXPECTED["admin"] - {"view", "view_public"}))
def test_awaiting_migration_is_read_only(action):
    assert p.twinspace_permission("admin", action, "open", "awaiting_migration").code == \
        "twinspace_awaiting_migration"
    assert p.twinspace_permission("admin", "view", "open", "awaiting_migration") is None


def test_guests_reply_only_where_allowed():
    assert p.reply_permission("guest", "open", "ready", guests_may_reply=False).code == "guests_not_allowed_here"
    assert p.reply_permission("guest", "open", "ready", guests_may_reply=True) is None
    assert p.reply_permission("pupil", "open", "ready", guests_may_reply=False) is None
    assert p.reply_permission("public", "open", "ready", guests_may_reply=True).code == "not_found"


def test_authors_edit_their_own_content_moderators_anyones():
    assert p.content_change_permission("pupil", "page_write", "open", "ready", is_author=True) is None
    assert p.content_change_permission("pupil", "page_write", "open", "ready", is_author=False).code == "forbidden"
    assert p.content_change_permission("member", "page_write", "open", "ready", is_author=False) is None
    assert p.content_change_permission("guest", "page_write", "open", "ready", is_author=True).code == "forbidden"
    assert p.content_change_permission("admin", "page_write", "archived", "ready",
                                       is_author=True).code == "twinspace_archived"


@pytest.mark.parametrize("role", p.ROLES)
def test_public_and_hidden_pages(role):
    readers = {"admin", "member", "pupil", "guest"}
    assert (p.page_read_permission(role, "open", is_public=False, is_hidden=False) is None) == (role in readers)
    assert p.page_read_permission(role, "open", is_public=True, is_hidden=False) is None
    assert p.page_read_permission(role, "archived", is_public=True, is_hidden=False) is None
    assert (p.page_read_permission(role, "closed", is_public=True, is_hidden=False) is None) == (role == "admin")
    assert (p.page_read_permission(role, "open", is_public=True, is_hidden=True) is None) == \
        (role in {"admin", "member"})
