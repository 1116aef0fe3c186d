"""One handler per export file, grouped by phase."""


def available_handlers() -> dict:
    from twinhub.legacy.handlers.accounts import ContactsHandler, SchoolsHandler, UsersHandler
    from twinhub.legacy.handlers.projects import MembersHandler, ProjectsHandler

    phases = {
        "accounts": (SchoolsHandler, UsersHandler, ContactsHandler),
        "projects": (ProjectsHandler, MembersHandler),
    }
    try:
        from twinhub.legacy.handlers.twinspaces import handlers as twinspace_handlers
    except ImportError:  # the TwinSpace models are not on this platform yet
        twinspace_handlers = None
    if twinspace_handlers:
        phases["twinspaces"] = twinspace_handlers
    try:
        from twinhub.legacy.handlers.labels import handlers as label_handlers
    except ImportError:
        label_handlers = None
    if label_handlers:
        phases["labels"] = label_handlers
    return phases
