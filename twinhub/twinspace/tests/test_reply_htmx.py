"""A forum reply without a reload (decision 36): the thread's page answers HTMX with its posts, the
new one included, and an empty reply box; a refused reply is the refusal box and changes nothing;
without HTMX the reply still redirects to the thread."""

import pytest

from twinhub.testing import db_state
from twinhub.twinspace import services
from twinhub.twinspace.models import Post

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def thread(world):
    return services.thread_create(project_id=world.project_a.pk, title="Which river is longest?",
                                  body_html="<p>Guess!</p>", user=world.admin_a)


def _url(world, thread) -> str:
    return f"/twinspace/{world.project_a.pk}/forum/{thread.pk}/"


@pytest.mark.parametrize("role", ["member", "pupil"])
def test_a_reply_answers_the_posts_with_it(world, thread, role):
    response = world.client_for(role).post(_url(world, thread), {"body": "The Nile!\n\n- 6,650 km"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="thread-posts"' in html
    assert "<p>The Nile!</p><ul><li>6,650 km</li></ul>" in html and "Guess!" in html
    assert '<textarea id="id_reply" name="body"' in html and f'hx-post="{_url(world, thread)}"' in html
    assert Post.objects.filter(thread=thread).count() == 2


def test_a_refused_reply_is_the_refusal_box_and_changes_nothing(world, thread):
    before = db_state()  # the thread does not let guests reply
    response = world.client_for("guest").post(_url(world, thread), {"body": "Too late"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 403 and "<html" not in html
    assert 'class="refusal"' in html and "Too late" not in html
    assert db_state() == before


def test_without_htmx_a_reply_redirects_to_the_thread(world, thread):
    response = world.client_for("member").post(_url(world, thread), {"body": "The Nile!"})
    assert response.status_code == 302 and response["Location"] == _url(world, thread) + "#last"
