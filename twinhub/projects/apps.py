from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "twinhub.projects"
    label = "projects"
