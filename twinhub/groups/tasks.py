"""Groups' periodic work: reminding authors of partner-finding posts that expire soon (daily)."""

from twinhub.core.tasks import crontab, periodic, task
from twinhub.groups import services


@periodic(crontab(hour=7, minute=15))
@task
def partner_posts_expiring_remind() -> int:
    """Idempotent: a post's author is reminded once per period it is shown."""
    return services.partner_posts_remind_expiring()
