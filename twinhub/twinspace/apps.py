from django.apps import AppConfig


class TwinspaceConfig(AppConfig):
    name = "twinhub.twinspace"
    label = "twinspace"

    def ready(self):
        from twinhub.twinspace.slots import fill_slots
        fill_slots()
