from django.urls import path

from twinhub.portal import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
