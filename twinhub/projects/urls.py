from django.urls import path

from twinhub.projects import views

urlpatterns = [
    path("projects/", views.directory, name="project_directory"),
    path("projects/mine/", views.my_projects, name="my_projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/approval/", views.approval_page, name="project_approval"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/cover/", views.project_cover, name="project_cover"),
    path("projects/<int:project_id>/invite/", views.project_invite_page, name="project_invite"),
    path("projects/<int:project_id>/<str:action>/", views.project_action, name="project_action"),
    path("invitations/<int:invitation_id>/<str:action>/", views.invitation_answer, name="invitation_answer"),
]
