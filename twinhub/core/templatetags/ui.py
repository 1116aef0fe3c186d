"""The components' template tags (docs/COMPONENTS.md): `{% icon %}`, `|initials`, `{% paging %}`, `{% seek_paging %}`."""

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", size: str = ""):
    """An icon of static/icons/sprite.svg. Decorative (hidden from screen readers) unless a label
    is given, which is then its accessible name."""
    a11y = format_html('role="img" aria-label="{}"', label) if label else mark_safe('aria-hidden="true"')
    css = f"icon icon-{size}" if size else "icon"
    return format_html('<svg class="{}" {} focusable="false"><use href="{}#{}"></use></svg>',
                       css, a11y, static("icons/sprite.svg"), name)


@register.filter
def initials(name: str) -> str:
    """"Ayşe Yılmaz" -> "AY": what the avatar shows when there is no photo."""
    parts = [p for p in str(name or "").replace("@", " ").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    letters = parts[0][:1] + (parts[-1][:1] if len(parts) > 1 else "")
    return letters.upper()


@register.inclusion_tag("components/paging.html", takes_context=True)
def paging(context, page, label: str = ""):
    """Previous / next links with "21–40 of 1,234" for a Django `Page`; keeps the other GET values."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else {}
    if query:
        query.pop("page", None)
    return {"page": page, "query": query.urlencode() if query else "", "label": label}


@register.inclusion_tag("components/seek_paging.html", takes_context=True)
def seek_paging(context, page, label: str = "", as_of=None, query=None):
    """Previous / next links of a keyset page (`twinhub.core.paging.SeekPage`) with "21–40 of 1,234"
    or "of more than 1,000"; keeps the other GET values (or those of `query`, when a POST answered
    with the page's fragment). `as_of`: when the total was counted."""
    request = context.get("request")
    if query is not None:
        query = query.copy()
    else:
        query = request.GET.copy() if request is not None else {}
    for name in ("page", "after", "before"):
        if query:
            query.pop(name, None)
    return {"page": page, "query": query.urlencode() if query else "", "label": label, "as_of": as_of}


@register.inclusion_tag("components/breadcrumbs.html")
def crumbs(*labels_and_urls):
    """`{% url 'my_projects' as mine %}{% crumbs _("My projects") mine project.title "" %}`: label, url
    pairs, the last one the current page."""
    pairs = list(zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True))
    return {"breadcrumbs": pairs}


@register.filter
def timesince_days(moment) -> int:
    """Whole days since `moment` (a waiting time)."""
    return max(0, (timezone.now() - moment).days) if moment else 0
