from django.urls import path

from twinhub.portal import operations, views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("menu/notifications/", views.notifications_menu, name="notifications_menu"),
    path("menu/notifications/read/", views.notifications_read, name="notifications_menu_read"),
    path("operations/", operations.operations, name="operations"),
    path("operations/emails/<int:email_id>/retry/", operations.operations_email_retry, name="operations_email_retry"),
]
