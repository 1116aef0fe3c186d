"""`{% select_options %}` writes what a template loop of <option>s wrote (the directory's filters)."""

import pytest
from django.template import engines
from django.utils import translation

from twinhub.geography.countries import country_choices
from twinhub.projects.models import Scope

LOOP = engines["django"].from_string(
    '{% for code, name in choices %}<option value="{{ code }}"{% if chosen == code %} selected{% endif %}>'
    '{{ name }}</option>{% endfor %}')
TAG = engines["django"].from_string("{% load ui %}{% select_options choices chosen %}")


@pytest.mark.parametrize("language", ["en", "tr"])
@pytest.mark.parametrize("chosen", ["", "TR", "national", "<x>", None])
def test_the_options_are_the_loop(language, chosen):
    with translation.override(language):
        for choices in (country_choices(), Scope.choices, [("a&b", "<Tom & Jerry>"), ("", "—")]):
            context = {"choices": choices, "chosen": chosen}
            assert TAG.render(context) == LOOP.render(context)
