from django.urls import path

from twinhub.events import views

urlpatterns = [
    path("events/", views.events_page, name="events"),
    path("events/mine/", views.my_events, name="my_events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
    path("events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:event_id>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:event_id>/do/<str:action>/", views.event_action, name="event_action"),
    path("events/certificates/<int:registration_id>.pdf", views.certificate_download, name="event_certificate"),
]

urlpatterns += [
    path("gallery/", views.gallery_page, name="gallery"),
    path("gallery/mine/", views.gallery_mine, name="gallery_mine"),
    path("gallery/mine/<int:project_id>/<str:action>/", views.gallery_action, name="gallery_action"),
    path("gallery/<int:project_id>/", views.gallery_detail, name="gallery_detail"),
    path("gallery/<int:project_id>/cover/", views.gallery_cover, name="gallery_cover"),
    path("kits/", views.kits_page, name="kits"),
    path("kits/new/", views.kit_edit, name="kit_new"),
    path("kits/<int:kit_id>/", views.kit_detail, name="kit_detail"),
    path("kits/<int:kit_id>/edit/", views.kit_edit, name="kit_edit"),
    path("kits/<int:kit_id>/start/", views.kit_start, name="kit_start"),
]
