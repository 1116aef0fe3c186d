from django.urls import path

from twinhub.schools import views

urlpatterns = [
    path("join/", views.join, name="join"),
    path("schools/search/", views.school_search, name="school_search"),
    path("schools/add/", views.school_add, name="school_add"),
    path("principal/<str:token>/", views.principal_confirm, name="principal_confirm"),
    path("validation/", views.validation_queue, name="validation_queue"),
    path("validation/decide/", views.validation_decide, name="validation_decide"),
    path("schools/duplicates/", views.possible_duplicates, name="possible_duplicates"),
    path("schools/duplicates/<int:pair_id>/<str:action>/", views.possible_duplicate_decide,
         name="possible_duplicate_decide"),
]
