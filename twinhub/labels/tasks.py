"""Labels' background work: a certificate's PDF is rendered once, after the award commits
(decision 15), instead of at each download."""

from twinhub.core.tasks import task
from twinhub.labels.certificates import certificate_store
from twinhub.labels.models import Label


@task
def certificate_render(*, label_id: int) -> bool:
    """Render and keep the label's certificate in its holder's language (a school's: the default
    language). Idempotent: a kept PDF is not rendered again."""
    label = Label.objects.select_related("holder", "holder__profile", "project", "school").filter(pk=label_id).first()
    if label is None:
        return False
    return certificate_store(label)
