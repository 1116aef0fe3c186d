from django.urls import path

from twinhub.helpcentre import views

urlpatterns = [
    path("help/why/", views.why, name="help_why"),
    path("help/", views.articles, name="help_articles"),
    path("help/articles/<slug:slug>/", views.article, name="help_article"),
    path("help/articles/<int:article_id>/vote/", views.article_vote, name="help_article_vote"),
    path("help/edit/", views.article_edit, name="help_article_new"),
    path("help/edit/<int:article_id>/", views.article_edit, name="help_article_edit"),
    path("support/", views.support_new, name="support_new"),
    path("support/queue/", views.support_queue, name="support_queue"),
    path("support/<int:request_id>/", views.support_detail, name="support_detail"),
    path("support/<int:request_id>/manage/", views.support_manage, name="support_manage"),
    path("nss/dashboard/", views.nss_dashboard, name="nss_dashboard"),
    path("nss/dashboard/<str:table>.csv", views.nss_dashboard_csv, name="nss_dashboard_csv"),
    path("nss/dashboard/exports/", views.nss_dashboard_exports, name="nss_dashboard_exports"),
    path("nss/dashboard/exports/<int:export_id>.csv", views.nss_dashboard_export_download,
         name="nss_dashboard_export_download"),
]
