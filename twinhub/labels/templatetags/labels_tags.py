"""The Quality Labels' entries in the menu (the portal's base layout)."""

from django import template
from django.urls import reverse

from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach

register = template.Library()


@register.inclusion_tag("labels/_nav.html", takes_context=True)
def labels_nav(context, part: str = "all") -> dict:
    """Menu entries: "Quality Labels" for teachers who joined eTwinning (part "mine"), "Evaluations"
    for NSS staff (the evaluators' queue) and CSS (the European Quality Label selection) (part
    "evaluations")."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    evaluations = None
    if staff_reach(user, Capability.EVALUATE_LABELS):
        evaluations = reverse("label_queue")
    elif staff_reach(user, Capability.SELECT_EQL):
        evaluations = reverse("eql_selection")
    return {"mine": reverse("my_labels") if context.get("nav_joined") and part in ("all", "mine") else None,
            "evaluations": evaluations if part in ("all", "evaluations") else None}
