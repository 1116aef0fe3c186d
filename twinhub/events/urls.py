from django.urls import path

from twinhub.events import views

urlpatterns = [
    path("events/", views.events_page, name="events"),
    path("events/mine/", views.my_events, name="my_events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:event_id>/", views.event_detail, name="event_detail"),
    path("events/<int:event_id>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:event_id>/do/<str:action>/", views.event_action, name="event_action"),
    path("events/certificates/<int:registration_id>.pdf", views.certificate_download, name="event_certificate"),
]
