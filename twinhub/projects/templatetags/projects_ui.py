"""Parts of the project pages repeated on every row, built in Python (decisions 41 and 56): the rows
of "My projects" and of the directory, the project page's members table (the biggest projects list a
hundred members, and the same row as template nodes — two forms with their CSRF tokens, translations,
a country badge — was most of the page's time) and the scope badge of each row of the directory and of "My projects" (an included template per row).
The HTML is the one the templates had; its strings are the same messages."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from twinhub.core.slots import slot_render
from twinhub.geography.countries import country_name
from twinhub.geography.templatetags.geography import country_badge
from twinhub.projects.models import Project, ProjectMember
from twinhub.projects.slots import PROJECT_LINKS

register = template.Library()


@register.simple_tag(takes_context=True)
def member_rows(context, members, project, is_admin, is_founder) -> str:
    """`{% member_rows members project is_admin is_founder %}`: one <tr> per member."""
    token = context.get("csrf_token")
    csrf = (f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
            if token and token != "NOTPROVIDED" else "")
    me = getattr(context.get("user"), "pk", None)
    roles = {value: escape(str(label)) for value, label in ProjectMember._meta.get_field("role").flatchoices}
    remove_url = escape(reverse("project_action", args=[project.pk, "remove"])) if is_admin else ""
    role_url = escape(reverse("project_action", args=[project.pk, "role"])) if is_admin else ""
    words = {name: escape(gettext(name)) for name in ("Remove", "Make member", "Make administrator")}
    rows = []
    for m in members:
        school = escape(m.school.public_name) if m.school is not None and m.school.public_name else ""
        row = (f'\n      <tr data-country="{escape(m.country)}"><td>{escape(m.user.display_name)}</td>'
               f'<td>{roles.get(m.role, escape(m.role))}</td><td>{school}</td><td>{country_badge(m.country)}</td>\n      ')
        if is_admin:
            tools = ""
            if m.role != "founder" and m.user_id != me:
                tools = (f'\n        <form method="post" action="{remove_url}" class="inline">{csrf}'
                         f'<input type="hidden" name="user_id" value="{m.user_id}"><button class="secondary">'
                         f'{words["Remove"]}</button></form>\n        ')
                if is_founder:
                    change = ('<input type="hidden" name="role" value="member"><button class="secondary">'
                              f'{words["Make member"]}</button>' if m.role == "admin" else
                              '<input type="hidden" name="role" value="admin"><button class="secondary">'
                              f'{words["Make administrator"]}</button>')
                    tools += (f'<form method="post" action="{role_url}" class="inline">{csrf}'
                              f'<input type="hidden" name="user_id" value="{m.user_id}">\n          {change}</form>')
                tools += "\n      "
            row += f"<td>{tools}</td>"
        rows.append(row + "</tr>\n    ")
    return mark_safe("".join(rows))


def _state_labels() -> dict[str, str]:
    """Each project state's label, escaped: looked up once per table, not per row."""
    return {value: escape(str(label)) for value, label in Project._meta.get_field("state").flatchoices}


@register.simple_tag(takes_context=True)
def my_project_rows(context, projects) -> str:
    """`{% my_project_rows projects %}`: one <tr> per project of "My projects" (each with its
    `member_count`), with the links apps above put in the PROJECT_LINKS slot."""
    labels = {name: escape(gettext(name)) for name in ("Scope", "State", "Members")}
    states = _state_labels()
    rows = []
    for p in projects:
        rows.append(
            f'\n      <tr><td><a href="{reverse("project_detail", args=[p.pk])}">{escape(p.title)}</a></td>'
            f'<td data-label="{labels["Scope"]}">{scope_badge(p)}</td>\n'
            f'          <td data-label="{labels["State"]}">{states.get(p.state, escape(p.state))}</td>'
            f'<td data-label="{labels["Members"]}" data-project="{p.pk}" data-members="{p.member_count}">'
            f'{p.member_count}</td><td>{slot_render(PROJECT_LINKS, context, p)}</td></tr>\n    ')
    return mark_safe("".join(rows))


@register.simple_tag(takes_context=True)
def directory_rows(context, rows) -> str:
    """`{% directory_rows rows %}`: one <tr> per (project, its members' countries) of the directory;
    the title links to the project for a signed-in visitor."""
    user = context.get("user")
    signed_in = user is not None and user.is_authenticated
    labels = {name: escape(gettext(name)) for name in ("Scope", "State", "Countries")}
    states = _state_labels()
    out = []
    for p, countries in rows:
        title = escape(p.title)
        if signed_in:
            title = f'<a href="{reverse("project_detail", args=[p.pk])}">{title}</a>'
        names = ", ".join(escape(country_name(code)) for code in countries if code)
        out.append(
            f'\n    <tr><td>{title}<br><span class="muted">{escape(Truncator(p.description).words(30, truncate=" …"))}'
            f'</span></td>\n        <td data-label="{labels["Scope"]}">{scope_badge(p)}</td>'
            f'<td data-label="{labels["State"]}">{states.get(p.state, escape(p.state))}</td>'
            f'<td data-label="{labels["Countries"]}">{names}</td></tr>\n  ')
    return mark_safe("".join(out))


@register.simple_tag
def scope_badge(project) -> str:
    """`{% scope_badge project %}`: what projects/_scope.html shows (national or European)."""
    if project.scope == "national":
        return mark_safe(f'<span class="badge scope-national" data-scope="national">{escape(gettext("National project"))}</span>')
    if project.scope == "european":
        return mark_safe(f'<span class="badge scope-european" data-scope="european">{escape(gettext("European project"))}</span>')
    return ""
