from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "twinhub.staff"
    label = "staff"
