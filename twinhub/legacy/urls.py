from django.urls import path

from twinhub.legacy import views

urlpatterns = [
    path("legacy/claim/", views.claim, name="legacy_claim"),
]
