"""The validation queue's rows, built in Python (decision 41): a page shows 50 of them and the same
row as template nodes (about thirty variables, translations and filters each) was most of the page's
time. The HTML is the one schools/_queue_results.html had; its strings are the same messages.

What every row asks the same way (labels, the date format, "3 days" in this language) is worked out
once per page (`_RowText`): looked up per row, translations and formats were most of a row's time."""

from html import escape as _escape_str

from django import template
from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.timesince import TIME_STRINGS, timesince
from django.utils.timezone import now as timezone_now
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from twinhub.accounts.models import display_name_of
from twinhub.geography.countries import country_name, region_name
from twinhub.schools.models import Membership

register = template.Library()


def _e(value) -> str:
    """django.utils.html.escape without its lazy-string wrapper (the same characters, the same output)."""
    return _escape_str(str(value))


class _Memo:
    """One of timesince's lazy "%(num)d days" strings, translated once per number for the page."""

    def __init__(self, lazy):
        self.lazy, self.done = lazy, {}

    def __mod__(self, values: dict) -> str:
        number = values["num"]
        found = self.done.get(number)
        if found is None:
            found = self.done[number] = str(self.lazy % values)
        return found


class _RowText:
    """Per page: the column labels, the choices' labels, a date format split once, "now"."""

    def __init__(self, status_filter: str):
        self.labels = {name: _e(gettext(name)) for name in ("Teacher", "School", "Waiting since", "Principal", "Status")}
        self.number = _e(gettext("No."))
        self.select = gettext("Select %(name)s")
        self.waiting = gettext("waiting %(age)s")
        self.status_filter = status_filter
        # get_FOO_display() hashed every lazy label of the field's choices for each row: once here.
        fields = Membership._meta
        self.status = {value: _e(label) for value, label in fields.get_field("status").flatchoices}
        self.principal = {value: _e(label) for value, label in fields.get_field("principal_answer").flatchoices}
        self.now = timezone_now()
        self.time_strings = {name: _Memo(lazy) for name, lazy in TIME_STRINGS.items()}
        self.formats = {}

    def date(self, value, format_name: str) -> str:
        """formats.date_format(value, format_name), with the format's pieces found once per page."""
        pieces = self.formats.get(format_name)
        if pieces is None:
            pieces = self.formats[format_name] = [
                (bool(i % 2), piece if i % 2 else re_escaped.sub(r"\1", piece))
                for i, piece in enumerate(re_formatchars.split(str(get_format(format_name)))) if piece]
        formatter = DateFormat(template_localtime(value))
        return "".join(str(getattr(formatter, piece)()) if is_code else piece for is_code, piece in pieces)

    def age(self, value) -> str:
        return timesince(value, self.now, time_strings=self.time_strings)


@register.simple_tag
def queue_rows(page, filters) -> str:
    """`{% queue_rows page filters %}`: one <tr> per membership of the page."""
    text = _RowText(_e(filters.get("status", "") if isinstance(filters, dict) else ""))
    return mark_safe("".join(_row(m, text) for m in page))


def _row(m, text: _RowText) -> str:
    """`m`: a row of selectors.QUEUE_ROW_FIELDS (a named tuple)."""
    labels = text.labels
    name = _e(display_name_of(m.user__first_name, m.user__last_name, m.user__email))
    check = (f'<input type="checkbox" name="membership" value="{m.id}" aria-label="'
             f'{text.select % {"name": name}}">' if m.status == "pending" else "")
    region = (f", {_e(region_name(m.school__region))} ({_e(m.school__region)})" if m.school__region else "")
    answered = (f'<br><span class="muted">{_e(text.date(m.principal_answered_at, "SHORT_DATE_FORMAT"))}</span>'
                if m.principal_answered_at else "")
    reason = f'<br><span class="muted">{_e(m.reason)}</span>' if m.reason else ""
    waiting = text.waiting % {"age": _e(text.age(m.requested_at))}
    return (
        f'\n  <tr id="membership-{m.id}"><td>{check}</td>\n'
        f'      <td data-label="{labels["Teacher"]}">{name}<br><span class="muted">{_e(m.user__email)}</span></td>\n'
        f'      <td data-label="{labels["School"]}"><a href="?status={text.status_filter}&amp;school={m.school_id}">'
        f'{_e(m.school__public_name)}</a><br><span class="muted">{_e(m.school__city)}{region} · '
        f'{_e(country_name(m.school__country) if m.school__country else "")} · {text.number} {_e(m.school__school_number or "—")}</span></td>\n'
        f'      <td data-label="{labels["Waiting since"]}">{_e(text.date(m.requested_at, "SHORT_DATETIME_FORMAT"))}'
        f'<br><span class="muted age">{waiting}</span></td>\n'
        f'      <td data-label="{labels["Principal"]}" class="principal-{_e(m.principal_answer)}">'
        f'{text.principal.get(m.principal_answer, _e(m.principal_answer))}{answered}</td>\n'
        f'      <td data-label="{labels["Status"]}" class="status-{_e(m.status)}">{text.status.get(m.status, _e(m.status))}{reason}</td></tr>\n  '
    )
