"""Forum messages are typed in a plain text box: what the writer typed keeps its paragraphs, line
breaks and lists when read (as in the mailbox), and is escaped and sanitised, never run."""

import pytest

from twinhub.core.sanitize import text_to_html
from twinhub.twinspace.models import Post, Thread

MESSAGE = ("Dear partners,\r\nhere is our plan.\r\n\r\nWhat we need:\r\n- photos of the school\r\n"
           "- a short video\r\n\r\nSteps:\r\n1. upload\r\n2. vote\r\n\r\n<script>alert(1)</script> & thanks")


def test_paragraphs_line_breaks_and_lists_are_kept():
    assert text_to_html(MESSAGE) == (
        "<p>Dear partners,<br>here is our plan.</p>"
        "<p>What we need:</p><ul><li>photos of the school</li><li>a short video</li></ul>"
        "<p>Steps:</p><ol><li>upload</li><li>vote</li></ol>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; thanks</p>")


def test_a_list_right_under_its_introduction_is_still_a_list():
    assert text_to_html("Bring:\n* pens\n* paper\nThanks") == (
        "<p>Bring:</p><ul><li>pens</li><li>paper</li></ul><p>Thanks</p>")


def test_empty_text_stays_empty():
    assert text_to_html(" \n\n ") == ""


@pytest.mark.parametrize("role", ["admin", "pupil"])
def test_a_forum_thread_and_reply_show_paragraphs_and_lists(world, role):
    client = world.client_for(role)
    base = f"/twinspace/{world.project_a.pk}/forum/"
    response = client.post(base, {"title": "Plan", "body": MESSAGE})
    assert response.status_code == 302
    thread = Thread.objects.get(project=world.project_a, title="Plan")
    client.post(f"{base}{thread.pk}/", {"body": "Yes:\n- me too\n\nSee you"})
    assert [p.body_html for p in Post.objects.filter(thread=thread).order_by("pk")][1] == (
        "<p>Yes:</p><ul><li>me too</li></ul><p>See you</p>")
    html = client.get(f"{base}{thread.pk}/").content.decode()
    assert "<p>Dear partners,<br>here is our plan.</p>" in html
    assert "<ul><li>photos of the school</li><li>a short video</li></ul>" in html
    assert "<ol><li>upload</li><li>vote</li></ol>" in html
    assert "<script>alert" not in html


def test_a_pupil_is_not_offered_to_log_in_or_create_an_account(world):
    """Issue 13, defect 6: a pupil (a code, no account) sees their TwinSpace and how to sign out."""
    html = world.client_for("pupil").get(f"/twinspace/{world.project_a.pk}/forum/").content.decode()
    assert "Create account" not in html and "/accounts/signup/" not in html
    assert world.pupil_a.alias in html
