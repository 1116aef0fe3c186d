"""The cached dashboard tables are forgotten when what they count changes: memberships, projects and
their members, Quality Label applications, support requests."""

from django.db.models.signals import post_delete, post_save

from twinhub.core.cache import cache_invalidate
from twinhub.helpcentre.exports import DASHBOARD_CACHE
from twinhub.helpcentre.models import SupportRequest
from twinhub.labels.models import LabelApplication
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.models import Membership

COUNTED = (Membership, Project, ProjectMember, LabelApplication, SupportRequest)


def _counted_changed(sender, **kwargs):
    cache_invalidate(DASHBOARD_CACHE)


def connect() -> None:
    for model in COUNTED:
        for signal in (post_save, post_delete):
            signal.connect(_counted_changed, sender=model, dispatch_uid=f"helpcentre_dashboard_{model.__name__}")
