"""The components' template tags (docs/COMPONENTS.md): `{% icon %}`, `|initials`, `{% paging %}`, `{% seek_paging %}`."""

from functools import cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()


@cache
def _sprite_url() -> str:
    # Looked up once per process: the manifest (the hashed name) does not change while it runs, and
    # a page shows 20-40 icons (each lookup parsed the name and read the manifest again).
    return escape(static("icons/sprite.svg"))


def _forget_sprite_url(*, setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES", "DEBUG"):
        _sprite_url.cache_clear()


setting_changed.connect(_forget_sprite_url, dispatch_uid="ui_sprite_url")


@register.simple_tag
def icon(name: str, label: str = "", size: str = ""):
    """An icon of static/icons/sprite.svg. Decorative (hidden from screen readers) unless a label
    is given, which is then its accessible name."""
    a11y = f'role="img" aria-label="{conditional_escape(label)}"' if label else 'aria-hidden="true"'
    css = f"icon icon-{conditional_escape(size)}" if size else "icon"
    return mark_safe(f'<svg class="{css}" {a11y} focusable="false"><use href="{_sprite_url()}#{conditional_escape(name)}"></use></svg>')


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


@register.simple_tag
def select_options(choices, selected) -> str:
    """`{% select_options choices filters.country %}`: the <option>s of a filter's (value, label)
    choices, the chosen one marked; what a template loop of <option>s wrote, without a dozen template
    nodes per option (the directory's filters list a hundred)."""
    return mark_safe("".join(
        f'<option value="{conditional_escape(value)}"{" selected" if value == selected else ""}>{conditional_escape(label)}</option>'
        for value, label in choices))
