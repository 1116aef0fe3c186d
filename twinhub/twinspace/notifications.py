from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.twinspace.codes import TwinSpaceNotice


def activity_text(kind: str, params: dict) -> str:
    """One line of the activity feed, in the reader's language."""
    texts = {
        "page_created": _("%(actor)s created the page “%(page)s”."),
        "page_updated": _("%(actor)s edited the page “%(page)s”."),
        "material_uploaded": _("%(actor)s uploaded “%(material)s”."),
        "thread_started": _("%(actor)s started the discussion “%(thread)s”."),
        "post_created": _("%(actor)s replied in “%(thread)s”."),
        "meeting_scheduled": _("%(actor)s scheduled the meeting “%(meeting)s”."),
    }
    text = texts.get(kind, _("%(actor)s changed something."))
    return text % {"page": "", "material": "", "thread": "", "meeting": "", **params}


@notification_kind(TwinSpaceNotice.ACTIVITY)
def _activity(params):
    return _("TwinSpace of “%(title)s”: %(what)s") % {
        "title": params.get("title", ""), "what": activity_text(params.get("kind", ""), params)}
