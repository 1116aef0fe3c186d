"""Every multi-select is a checkbox group with a filter (components/checkbox_filter.html): no
`<select multiple>` that needs Ctrl-click and hides what is chosen."""

import re
from pathlib import Path

import pytest
from django import forms

from twinhub.core.widgets import CheckboxFilter, checkbox_filters
from twinhub.projects.forms import ProjectForm
from twinhub.testing import client_for
from twinhub.testing.projects import make_contacts, teacher

ROOT = Path(__file__).resolve().parents[2]


def test_no_template_has_a_select_multiple():
    offenders = [str(path.relative_to(ROOT)) for path in ROOT.glob("*/templates/**/*.html")
                 if re.search(r"<select[^>]*\bmultiple\b", path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_forms_multiple_choices_become_a_named_checkbox_group():
    class Form(forms.Form):
        subjects = forms.MultipleChoiceField(label="Subjects", choices=[("art", "Art"), ("maths", "Maths")])

    form = Form(data={"subjects": ["maths"]})
    checkbox_filters(form)
    assert isinstance(form.fields["subjects"].widget, CheckboxFilter)
    html = str(form["subjects"])
    assert "<legend>Subjects</legend>" in html and "data-checkbox-filter" in html
    assert re.search(r'<input type="checkbox" name="subjects" value="maths" id="id_subjects_\d" checked>', html)
    assert '<span class="chip">Maths</span>' in html and "1 chosen" in html
    assert form.is_valid() and form.cleaned_data["subjects"] == ["maths"]


def test_the_project_form_has_no_select_multiple():
    html = ProjectForm().as_p()
    assert "multiple" not in html and html.count("data-checkbox-filter") == 3


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/projects/new/", "/profile/", "/partners/new/"])
def test_pages_with_multi_selects_use_the_checkbox_groups(people, url):
    make_contacts(people.teacher, teacher("DE"))  # the new project form needs a co-founder to offer
    html = client_for(people.teacher, language="tr").get(url).content.decode()
    assert "data-checkbox-filter" in html
    assert not re.search(r"<select[^>]*\bmultiple\b", html)
    assert "Listeyi süzmek için yazın" in html  # the filter's placeholder, in Turkish


def test_names_are_listed_alphabetically_in_the_readers_language_ranges_in_their_order():
    from django.utils import translation

    from twinhub.accounts.choices import AGE_RANGES, LANGUAGES
    from twinhub.core.widgets import checkbox_filter_context

    with translation.override("tr"):
        names = [text for _v, text, _c in checkbox_filter_context(
            name="languages", fid="l", label="", choices=LANGUAGES, selected=[])["options"]]
        assert names.index("Almanca") < names.index("Çekçe") < names.index("Danca") < names.index("İngilizce")
        ages = checkbox_filter_context(name="a", fid="a", label="", choices=AGE_RANGES, selected=[])["options"]
        assert [value for value, _t, _c in ages] == [str(value) for value, _t in AGE_RANGES]
