import pytest
from django.test import Client

from twinhub.core.errors import ApplicationError
from twinhub.helpcentre import services
from twinhub.helpcentre.models import Article
from twinhub.testing import client_for, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def test_initial_articles_exist_in_english_and_turkish():
    slugs_en = set(Article.objects.filter(language="en", country="").values_list("slug", flat=True))
    slugs_tr = set(Article.objects.filter(language="tr", country="").values_list("slug", flat=True))
    assert slugs_en == slugs_tr and "membership-pending" in slugs_en


def test_search_in_the_reader_language():
    page = Client(HTTP_ACCEPT_LANGUAGE="tr").get("/help/", {"q": "ulusal"}).content.decode()
    assert "Projem neden ulusal proje?" in page
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/help/", {"q": "national"}).content.decode()
    assert "Why is my project national?" in page


def test_country_version_replaces_the_general_one():
    nss = make_staff("nss", country="TR")
    services.article_save(actor=nss, slug="quality-label-limits", language="en", country="TR",
                          title="Quality Label in Türkiye", body="Four a year.", topic="quality-label")
    teacher_tr = make_teacher(country="TR")
    client = client_for(teacher_tr)
    assert "Quality Label in Türkiye" in client.get("/help/articles/quality-label-limits/").content.decode()
    other = client_for(make_teacher(country="IT"))
    assert "how many applications" in other.get("/help/articles/quality-label-limits/").content.decode()


@pytest.mark.parametrize("kind,country,target,allowed", [
    ("nss", "TR", "TR", True), ("nss", "TR", "IT", False), ("nss", "TR", "", False),
    ("css", "", "", True), ("css", "", "IT", True),
])
def test_who_edits_which_articles(kind, country, target, allowed):
    staff = make_staff(kind, country=country)
    before = Article.objects.count()
    try:
        services.article_save(actor=staff, slug="local", language="tr", country=target, title="T", body="B")
    except ApplicationError as error:
        assert not allowed and error.code == "forbidden"
    assert (Article.objects.count() == before + 1) is allowed


def test_teacher_cannot_reach_the_editor():
    client = client_for(make_teacher())
    assert client.get("/help/edit/").status_code == 404


def test_helpful_votes_count_once_per_reader():
    article = Article.objects.get(slug="contacts", language="en")
    teacher = make_teacher()
    client = client_for(teacher)
    url = f"/help/articles/{article.pk}/vote/"
    client.post(url, {"helpful": "yes"})
    client.post(url, {"helpful": "yes"})
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 0)
    client.post(url, {"helpful": "no"})
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (0, 1)
