"""The gallery's cover: founders pick one of the TwinSpace's images or upload one (it joins the
TwinSpace's materials); selected public pages are shown; the gallery's project page and the kits
list ask as many queries with many rows as with few."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from twinhub.events import services
from twinhub.testing import assert_same_queries, client_for, db_state, page_queries
from twinhub.testing.files import PDF, image_bytes
from twinhub.testing.labels import award, european_project, open_window
from twinhub.testing.projects import teacher
from twinhub.twinspace import services as twinspace
from twinhub.twinspace.models import Material

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(people):
    """A labelled project that both founders agreed to show."""
    founder = teacher("TR", name="Founder Fatma")
    project = european_project(founder, title="Bridges of friendship")
    open_window("TR", people.nss_tr)
    award(founder, project, nss=people.nss_tr)
    for user in (founder, project.cofounder):
        services.gallery_consent_give(user=user, project_id=project.pk)
    return project


def _save(client, project, **data):
    return client.post(f"/gallery/mine/{project.pk}/save/", {"summary": "What we did", **data})


def test_a_founder_picks_a_twinspace_image_as_the_cover(listed):
    founder = listed.founder
    image = twinspace.material_upload(project_id=listed.pk, user=founder,
                                      upload=SimpleUploadedFile("class.png", image_bytes()))
    client = client_for(founder)
    mine = client.get("/gallery/mine/").content.decode()
    assert f'name="cover" value="{image.pk}"' in mine
    assert f"/twinspace/{listed.pk}/materials/{image.pk}/thumb/" in mine
    assert _save(client, listed, cover=image.pk).status_code == 302
    listed.gallery_entry.refresh_from_db()
    assert listed.gallery_entry.cover_id == image.pk
    anonymous = Client()
    assert f"/gallery/{listed.pk}/cover/" in anonymous.get(f"/gallery/{listed.pk}/").content.decode()
    cover = anonymous.get(f"/gallery/{listed.pk}/cover/")
    assert cover.status_code == 200 and cover["Content-Type"].startswith("image/")


def test_a_founder_uploads_a_cover_which_joins_the_twinspace(listed):
    client = client_for(listed.founder)
    upload = SimpleUploadedFile("our-poster.jpg", image_bytes("JPEG", (800, 450)), content_type="image/jpeg")
    assert _save(client, listed, cover="", cover_upload=upload).status_code == 302
    material = Material.objects.get(project=listed, name="our-poster.jpg")
    assert material.author_user == listed.founder and material.kind == "image"
    listed.gallery_entry.refresh_from_db()
    assert listed.gallery_entry.cover_id == material.pk
    assert Client().get(f"/gallery/{listed.pk}/cover/").status_code == 200


def test_an_uploaded_cover_that_is_not_an_image_is_refused_and_nothing_is_stored(listed):
    client = client_for(listed.founder)
    before = db_state()
    response = _save(client, listed, cover_upload=SimpleUploadedFile("cover.jpg", PDF, content_type="image/jpeg"))
    assert response.status_code == 302  # back to the page, with the refusal in the messages
    assert db_state() == before
    assert not Material.objects.filter(project=listed).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("must be an image" in m for m in messages)


def test_someone_else_cannot_set_the_cover(listed, people):
    outsider = client_for(people.teacher_pl)
    before = db_state()
    upload = SimpleUploadedFile("x.png", image_bytes(), content_type="image/png")
    response = _save(outsider, listed, cover_upload=upload)
    assert response.status_code == 404
    assert db_state() == before


def test_the_selected_public_pages_are_shown_in_full(listed):
    page = twinspace.page_create(project_id=listed.pk, user=listed.founder, pupil=None, title="Our results",
                                 body_html="<p>Forty pupils wrote a <strong>bilingual</strong> book.</p>",
                                 is_public=True)
    services.gallery_entry_save(user=listed.founder, project_id=listed.pk, summary="s", cover_id=None,
                                page_ids=[page.pk])
    body = Client().get(f"/gallery/{listed.pk}/").content.decode()
    assert "Our results" in body and "<strong>bilingual</strong>" in body


def test_the_gallery_project_page_does_not_grow_with_pages_and_countries(listed):
    founder = listed.founder
    pages = [twinspace.page_create(project_id=listed.pk, user=founder, pupil=None, title="Page 0",
                                   body_html="<p>0</p>", is_public=True)]
    services.gallery_entry_save(user=founder, project_id=listed.pk, summary="s", cover_id=None,
                                page_ids=[p.pk for p in pages])
    client = Client()
    few = page_queries(client, f"/gallery/{listed.pk}/")
    pages += [twinspace.page_create(project_id=listed.pk, user=founder, pupil=None, title=f"Page {n}",
                                    body_html=f"<p>{n}</p>", is_public=True) for n in range(1, 5)]
    services.gallery_entry_save(user=founder, project_id=listed.pk, summary="s", cover_id=None,
                                page_ids=[p.pk for p in pages])
    many = page_queries(client, f"/gallery/{listed.pk}/")
    assert many.response.content.decode().count('class="gallery-page"') == 5
    assert_same_queries(few, many)


KIT = {"aims_en": "Save water.", "aims_tr": "Su tasarrufu.", "subjects": ["science"], "age_ranges": ["11-14"]}


def test_the_kits_list_does_not_grow_with_kits_and_weeks(people):
    def kit(n, weeks):
        services.kit_save(actor=people.css, title_en=f"Kit {n}", title_tr=f"Kit {n} (tr)",
                          weeks=[(f"Week {w}", f"Hafta {w}") for w in range(weeks)], **KIT)

    kit(0, 2)
    client = Client()
    few = page_queries(client, "/kits/")
    for n in range(1, 6):
        kit(n, 8)
    many = page_queries(client, "/kits/")
    assert many.response.content.decode().count("data-kit=") == 6
    assert "8 weeks" in many.response.content.decode()
    assert_same_queries(few, many)
