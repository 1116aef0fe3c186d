from django.urls import path

from twinhub.geography import views

urlpatterns = [path("coordinators/", views.coordinators, name="coordinators")]
