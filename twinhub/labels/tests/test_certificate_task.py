"""A certificate's PDF is rendered once by a task after the award commits, kept in storage, and the
download streams the kept file (after the same permission check)."""

import pytest

from twinhub.labels import certificates
from twinhub.labels.models import Label
from twinhub.labels.services import application_evaluate
from twinhub.labels.tasks import certificate_render
from twinhub.testing import client_for, db_state
from twinhub.testing.labels import GOOD_SCORES, apply, european_project
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _award(nss, *, commit_callbacks):
    user = teacher()
    application = apply(user, european_project(user, title="Köprüler kuruyoruz"))
    with commit_callbacks(execute=True) as callbacks:
        application_evaluate(actor=nss, application_id=application.pk, scores=GOOD_SCORES, feedback="", award=True)
    return Label.objects.select_related("holder", "project").get(application=application), callbacks


def test_the_pdf_is_rendered_after_the_award_commits_and_only_once(window_tr, nss_tr, tmp_path, monkeypatch,
                                                                    django_capture_on_commit_callbacks):
    label, callbacks = _award(nss_tr, commit_callbacks=django_capture_on_commit_callbacks)
    assert callbacks  # the rendering waited for the commit
    kept = list(tmp_path.glob("certificates/labels/*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"%PDF")

    rendered = []
    monkeypatch.setattr(certificates, "certificate_pdf", lambda *a, **k: rendered.append(1) or b"%PDF-again")
    assert certificate_render(label_id=label.pk) is False  # a re-run renders nothing
    response = client_for(label.holder).get(f"/labels/{label.pk}/certificate.pdf")
    assert response.status_code == 200 and response.content == kept[0].read_bytes() and rendered == []


def test_an_award_that_rolls_back_renders_nothing(window_tr, nss_tr, tmp_path, django_capture_on_commit_callbacks):
    user = teacher()
    application = apply(user, european_project(user, title="Geri alınan"))
    before = db_state()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ZeroDivisionError):
        from django.db import transaction

        with transaction.atomic():
            application_evaluate(actor=nss_tr, application_id=application.pk, scores=GOOD_SCORES, feedback="",
                                 award=True)
            raise ZeroDivisionError
    assert callbacks == [] and db_state() == before
    assert not list(tmp_path.glob("certificates/**/*.pdf"))
