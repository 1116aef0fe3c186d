"""What the Quality Labels show on pages of the apps below (twinhub.core.slots)."""

from twinhub.core.slots import slot_fill
from twinhub.labels import selectors
from twinhub.projects.slots import PROJECT_SECTIONS


def project_label_card(context, project) -> dict:
    """The project page's Quality Label section, worded by the labels rules: the pre-check inline
    and, for a national project, why it is never a European Quality Label candidate."""
    user = context["request"].user
    check = selectors.precheck_for(user, project) if user.is_authenticated else None
    return {"project": project, "check": check if check and check.member else None,
            "eql_explanation": selectors.project_eql_explanation(project)}


def fill_slots() -> None:
    slot_fill(PROJECT_SECTIONS, template_name="labels/_project_card.html", values=project_label_card)

# "My labels": what the apps above know about labels still on their way (the legacy migration).
MY_LABELS_NOTICES = "my_labels_notices"
