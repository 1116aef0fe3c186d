from django.urls import path

from twinhub.contacts import views

urlpatterns = [
    path("contacts/", views.contacts_page, name="contacts"),
    path("contacts/requests/<int:request_id>/<str:action>/", views.contact_request_action,
         name="contact_request_action"),
    path("contacts/<int:user_id>/remove/", views.contact_remove, name="contact_remove"),
    path("teachers/", views.partner_search, name="partner_search"),
    path("teachers/<int:user_id>/", views.teacher_card, name="teacher_card"),
    path("teachers/<int:user_id>/request/", views.contact_request_create, name="contact_request_create"),
    path("mailbox/", views.mailbox, name="mailbox"),
    path("mailbox/<int:user_id>/", views.mailbox_thread, name="mailbox_thread"),
]
