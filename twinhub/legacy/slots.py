"""What the legacy import shows on pages of the apps below (twinhub.core.slots)."""

from twinhub.core.slots import slot_fill
from twinhub.labels.slots import MY_LABELS_NOTICES
from twinhub.legacy import selectors
from twinhub.projects.slots import PROJECT_NOTICES


def project_notices(context, project) -> dict:
    """Where the move of this project's old-platform data stands (rule 5)."""
    return {"notices": selectors.project_notices(project), "show_claim": False}


def my_labels_notices(context, user) -> dict:
    """On "My labels": old certificates exist and arrive with the labels phase (rule 5)."""
    return {"notices": selectors.label_notices(user), "show_claim": False}


def fill_slots() -> None:
    slot_fill(PROJECT_NOTICES, template_name="legacy/_notices.html", values=project_notices)
    slot_fill(MY_LABELS_NOTICES, template_name="legacy/_notices.html", values=my_labels_notices)
