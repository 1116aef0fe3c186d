"""TwinHub: a self-hostable platform for eTwinning-style school collaboration."""

# Loaded with Django so that tasks are sent through TwinHub's Celery application (its broker, or
# eagerly when there is none), whichever process sends them.
from twinhub.celery import app as celery_app

__all__ = ["celery_app"]
