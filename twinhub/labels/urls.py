from django.urls import path

from twinhub.labels import views

urlpatterns = [
    # Not under /projects/<id>/…: the projects app routes /projects/<id>/<action>/.
    path("quality-label/projects/<int:project_id>/", views.project_label_page, name="project_label"),
    path("quality-label/applications/<int:application_id>/", views.application_page, name="label_application"),
    path("quality-label/queue/", views.queue_page, name="label_queue"),
    path("quality-label/eql/", views.eql_selection_page, name="eql_selection"),
    path("quality-label/eql/nominations/", views.eql_nominations_page, name="eql_nominations"),
    path("school-label/decisions/", views.school_label_decisions_page, name="school_label_decisions"),
    path("labels/mine/", views.my_labels, name="my_labels"),
    path("labels/<int:label_id>/certificate.pdf", views.certificate_download, name="label_certificate"),
    path("labels/verify/", views.verify_page, name="label_verify"),
    path("school-label/<int:school_id>/", views.school_label_page, name="school_label"),
]
