from django.urls import path

from twinhub.accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("profile/photo/", views.profile_photo, name="profile_photo"),
    path("people/<int:user_id>/photo/", views.user_photo, name="user_photo"),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("notifications/", views.notifications, name="notifications"),
    path("accounts/unlock/<str:token>/", views.unlock, name="account_unlock"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/digest/", views.notifications_digest, name="notifications_digest"),
]
