from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "twinhub.groups"
    label = "groups"

    def ready(self):
        from twinhub.groups import diagnostics  # noqa: F401  (registers its "Why can't I…?" check)
