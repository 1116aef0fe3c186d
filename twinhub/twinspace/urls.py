from django.urls import path

from twinhub.twinspace import views

# Under /twinspace/, not /projects/<id>/…, which the projects app routes as actions.
urlpatterns = [
    path("twinspace/pupils/login/", views.pupil_login, name="twinspace_pupil_login"),
    path("twinspace/pupils/logout/", views.pupil_logout, name="twinspace_pupil_logout"),
    path("twinspace/calendar/", views.calendar_settings, name="twinspace_calendar"),
    path("twinspace/calendar/<str:token>.ics", views.calendar_feed, name="twinspace_calendar_feed"),
    path("twinspace/<int:project_id>/", views.home, name="twinspace_home"),
    path("twinspace/<int:project_id>/pages/new/", views.page_edit, name="twinspace_page_new"),
    path("twinspace/<int:project_id>/pages/<int:page_id>/", views.page_detail, name="twinspace_page"),
    path("twinspace/<int:project_id>/pages/<int:page_id>/edit/", views.page_edit, name="twinspace_page_edit"),
    path("twinspace/<int:project_id>/pages/<int:page_id>/<str:action>/", views.page_moderate,
         name="twinspace_page_moderate"),
    path("twinspace/<int:project_id>/materials/", views.materials, name="twinspace_materials"),
    path("twinspace/<int:project_id>/materials/<int:material_id>/file/", views.material_file,
         name="twinspace_material_file"),
    path("twinspace/<int:project_id>/materials/<int:material_id>/thumb/", views.material_file,
         {"variant": "thumb"}, name="twinspace_material_thumb"),
    path("twinspace/<int:project_id>/materials/<int:material_id>/<str:action>/", views.material_moderate,
         name="twinspace_material_moderate"),
    path("twinspace/<int:project_id>/forum/", views.forum, name="twinspace_forum"),
    path("twinspace/<int:project_id>/forum/<int:thread_id>/", views.thread, name="twinspace_thread"),
    path("twinspace/<int:project_id>/forum/posts/<int:post_id>/<str:action>/", views.post_moderate,
         name="twinspace_post_moderate"),
    path("twinspace/<int:project_id>/meetings/", views.meetings, name="twinspace_meetings"),
    path("twinspace/<int:project_id>/people/", views.people, name="twinspace_people"),
]
