"""The validation queue's rows, built in Python (decision 41): a page shows 50 of them and the same
row as template nodes (about thirty variables, translations and filters each) was most of the page's
time. The HTML is the one schools/_queue_results.html had; its strings are the same messages."""

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from twinhub.geography.countries import country_name
from twinhub.schools.models import Membership

register = template.Library()


@register.simple_tag
def queue_rows(page, filters) -> str:
    """`{% queue_rows page filters %}`: one <tr> per membership of the page."""
    labels = {name: escape(gettext(name)) for name in ("Teacher", "School", "Waiting since", "Principal", "Status")}
    number_label = escape(gettext("No."))
    status_filter = conditional_escape(filters.get("status", "") if isinstance(filters, dict) else "")
    # get_FOO_display() hashed every lazy label of the field's choices for each row: once here.
    fields = Membership._meta
    labels["status"] = {value: escape(str(label)) for value, label in fields.get_field("status").flatchoices}
    labels["principal"] = {value: escape(str(label)) for value, label in fields.get_field("principal_answer").flatchoices}
    return mark_safe("".join(_row(m, labels, number_label, status_filter) for m in page))


def _row(m, labels: dict, number_label: str, status_filter: str) -> str:
    user, school = m.user, m.school
    name = escape(user.display_name)
    check = (f'<input type="checkbox" name="membership" value="{m.pk}" aria-label="'
             f'{gettext("Select %(name)s") % {"name": name}}">' if m.status == "pending" else "")
    region = f", {escape(school.region_label)} ({escape(school.region)})" if school.region else ""
    requested = template_localtime(m.requested_at)
    answered = (f'<br><span class="muted">{escape(date_format(template_localtime(m.principal_answered_at), "SHORT_DATE_FORMAT"))}</span>'
                if m.principal_answered_at else "")
    reason = f'<br><span class="muted">{escape(m.reason)}</span>' if m.reason else ""
    waiting = gettext("waiting %(age)s") % {"age": escape(timesince(m.requested_at))}
    return (
        f'\n  <tr id="membership-{m.pk}"><td>{check}</td>\n'
        f'      <td data-label="{labels["Teacher"]}">{name}<br><span class="muted">{escape(user.email)}</span></td>\n'
        f'      <td data-label="{labels["School"]}"><a href="?status={status_filter}&amp;school={m.school_id}">'
        f'{escape(school.public_name)}</a><br><span class="muted">{escape(school.city)}{region} · '
        f'{escape(country_name(school.country) if school.country else "")} · {number_label} {escape(school.school_number or "—")}</span></td>\n'
        f'      <td data-label="{labels["Waiting since"]}">{escape(date_format(requested, "SHORT_DATETIME_FORMAT"))}'
        f'<br><span class="muted age">{waiting}</span></td>\n'
        f'      <td data-label="{labels["Principal"]}" class="principal-{escape(m.principal_answer)}">'
        f'{labels["principal"].get(m.principal_answer, escape(m.principal_answer))}{answered}</td>\n'
        f'      <td data-label="{labels["Status"]}" class="status-{escape(m.status)}">{labels["status"].get(m.status, escape(m.status))}{reason}</td></tr>\n  '
    )
