"""Migration notices for pages owned by other apps: `{% legacy_dashboard_notices %}` and
`{% legacy_project_notices project %}`."""

from django import template

from twinhub.legacy import selectors

register = template.Library()


@register.inclusion_tag("legacy/_notices.html", takes_context=True)
def legacy_dashboard_notices(context):
    user = context.get("user")
    return {"notices": selectors.dashboard_notices(user) if user and user.is_authenticated else [],
            "show_claim": bool(user and user.is_authenticated)}


@register.inclusion_tag("legacy/_notices.html")
def legacy_project_notices(project):
    return {"notices": selectors.project_notices(project), "show_claim": False}
