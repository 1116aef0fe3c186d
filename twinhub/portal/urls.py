from django.urls import path

from twinhub.portal import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("menu/notifications/", views.notifications_menu, name="notifications_menu"),
    path("menu/notifications/read/", views.notifications_read, name="notifications_read"),
]
