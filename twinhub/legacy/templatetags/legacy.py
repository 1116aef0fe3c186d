"""Migration notices on the dashboard (the portal's page): `{% legacy_dashboard_notices %}`.
Project pages show theirs through a slot (legacy/slots.py)."""

from django import template

from twinhub.legacy import selectors

register = template.Library()


@register.inclusion_tag("legacy/_notices.html", takes_context=True)
def legacy_dashboard_notices(context):
    user = context.get("user")
    return {"notices": selectors.dashboard_notices(user) if user and user.is_authenticated else [],
            "show_claim": bool(user and user.is_authenticated)}
