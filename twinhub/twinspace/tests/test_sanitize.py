"""The shared sanitiser, and that every TwinSpace write path uses it."""

import pytest

from twinhub.core.sanitize import sanitize_html
from twinhub.twinspace import services
from twinhub.twinspace.models import Page, Post

ATTACKS = [
    ('<p>Hi<script>alert(1)</script></p>', "<script"),
    ('<p onclick="steal()">Hi</p>', "onclick"),
    ('<img src="x.png" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "avascript"),
    ('<img src="data:text/html;base64,PHNjcmlwdD4=">', "data:"),
    ('<svg onload="alert(1)"><script>1</script></svg>', "svg"),
    ('<iframe src="https://evil.example"></iframe>', "iframe"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "style"),
    ('<form action="https://evil.example"><input name="pw"></form>', "<form"),
    ('<math><mtext><style><img src=x onerror=alert(1)></style></mtext></math>', "onerror"),
]


@pytest.mark.parametrize("html, forbidden", ATTACKS)
def test_dangerous_html_is_removed(html, forbidden):
    assert forbidden not in sanitize_html(html).lower()


def test_ordinary_formatting_is_kept():
    html = ('<h2>Title</h2><p><strong>bold</strong> <em>it</em></p><ul><li>one</li></ul>'
            '<a href="https://example.org/x">link</a><img src="https://example.org/a.png" alt="a">')
    clean = sanitize_html(html)
    for kept in ("<h2>Title</h2>", "<strong>bold</strong>", "<li>one</li>", 'href="https://example.org/x"',
                 'src="https://example.org/a.png"', 'rel="noopener noreferrer nofollow"'):
        assert kept in clean


def test_page_and_post_writes_store_sanitised_html(world):
    page = services.page_create(project_id=world.project_a.pk, title="T",
                                body_html='<p onmouseover="x()">ok</p><script>bad()</script>', user=world.admin_a)
    assert Page.objects.get(pk=page.pk).body_html == "<p>ok</p>"
    services.page_update(project_id=world.project_a.pk, page_id=page.pk,
                         body_html='<a href="javascript:x()">l</a>', user=world.admin_a)
    assert "javascript" not in Page.objects.get(pk=page.pk).body_html
    thread = services.thread_create(project_id=world.project_a.pk, title="Hello",
                                    body_html="<img src=x onerror=alert(1)>", pupil=world.pupil_a)
    post = services.post_create(project_id=world.project_a.pk, thread_id=thread.pk,
                                body_html='<b>hi</b><script>x</script>', pupil=world.pupil_a)
    assert Post.objects.get(pk=post.pk).body_html == "<b>hi</b>"
    assert "onerror" not in Post.objects.filter(thread=thread).first().body_html


def test_page_shows_sanitised_html_not_escaped(world):
    page = services.page_create(project_id=world.project_a.pk, title="T",
                                body_html="<p><strong>Merhaba</strong></p><script>x</script>", user=world.admin_a)
    response = world.client_for("member").get(f"/twinspace/{world.project_a.pk}/pages/{page.pk}/")
    assert b"<strong>Merhaba</strong>" in response.content
    assert b"<script>x</script>" not in response.content


@pytest.mark.parametrize("title", ["", "x" * 300])
def test_a_refused_page_shows_the_body_again_sanitised(world, title):
    """Issue 12, finding 6: a refused save puts the body back into the editor, cleaned."""
    client = world.client_for("member")
    payload = '<p>Kept</p><img src=x onerror="alert(1)"><script>alert(2)</script>'
    response = client.post(f"/twinspace/{world.project_a.pk}/pages/new/", {"title": title, "body_html": payload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<p>Kept</p>" in page
    assert "onerror" not in page and "<script>alert(2)" not in page
