from django.urls import path

from twinhub.staff import views

urlpatterns = [
    path("coordinators/", views.coordinators, name="coordinators"),
    path("staff/roles/", views.roles, name="staff_roles"),
    path("staff/roles/<int:role_id>/revoke/", views.role_revoke, name="staff_role_revoke"),
]
