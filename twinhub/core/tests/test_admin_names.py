"""The Django admin: the Quality Label, TwinSpace, help-centre and legacy models are registered,
and every registered model has its own plural, translated (Turkish plurals are not "+s": no "Okuls")."""

import pytest
from django.contrib import admin
from django.utils import translation

from twinhub.testing import client_for

pytestmark = pytest.mark.django_db


def _ours():
    return [model for model in admin.site._registry if model.__module__.startswith("twinhub.")]


def test_the_areas_models_are_in_the_admin():
    labels = {model._meta.label for model in _ours()}
    for expected in ("labels.Label", "labels.LabelApplication", "twinspace.TwinSpace", "twinspace.Post",
                     "helpcentre.Article", "helpcentre.SupportRequest", "legacy.LegacyUser", "legacy.LegacyPhase"):
        assert expected in labels


@pytest.mark.parametrize("model", _ours(), ids=lambda m: m._meta.label)
def test_every_admin_model_has_a_translated_name_and_plural(model):
    meta = model._meta
    assert {"verbose_name", "verbose_name_plural"} <= set(meta.original_attrs), meta.label
    with translation.override("tr"):
        one, many = str(meta.verbose_name), str(meta.verbose_name_plural)
        app = str(meta.app_config.verbose_name)
    with translation.override("en"):
        assert many != str(meta.verbose_name_plural), (meta.label, many)
        assert app != str(meta.app_config.verbose_name), (meta.label, app)
    assert many != one + "s", many


def test_the_admin_index_in_turkish(people):
    html = client_for(people.admin, language="tr").get("/admin/").content.decode()
    for plural in ("Okullar", "Kalite Etiketleri", "TwinSpace&#x27;ler", "Destek talepleri", "Eski platform hesapları"):
        assert plural in html, plural
    assert "Okuls" not in html and "Projes" not in html
