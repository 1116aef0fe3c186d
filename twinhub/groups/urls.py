from django.urls import path

from twinhub.groups import views

urlpatterns = [
    path("groups/", views.directory, name="groups"),
    path("groups/mine/", views.mine, name="my_groups"),
    path("groups/new/", views.group_new, name="group_new"),
    path("groups/proposals/", views.proposals, name="group_proposals"),
    path("groups/proposals/<int:group_id>/<str:decision>/", views.proposal_decide, name="group_proposal_decide"),
    path("groups/<int:group_id>/", views.home, name="group_home"),
    path("groups/<int:group_id>/do/<str:action>/", views.group_action, name="group_action"),
    path("groups/<int:group_id>/threads/new/", views.thread_new, name="group_thread_new"),
    path("groups/<int:group_id>/threads/<int:thread_id>/", views.thread, name="group_thread"),
    path("groups/<int:group_id>/posts/<int:post_id>/<str:action>/", views.post_moderate, name="group_post_moderate"),
    path("groups/<int:group_id>/pages/new/", views.page_new, name="group_page_new"),
    path("groups/<int:group_id>/pages/<int:page_id>/", views.page, name="group_page"),
    path("groups/<int:group_id>/materials/", views.materials, name="group_materials"),
    path("groups/<int:group_id>/materials/<int:material_id>/file/", views.material_file, name="group_material_file"),
    path("groups/<int:group_id>/members/", views.members, name="group_members"),
    path("groups/<int:group_id>/members/<int:user_id>/<str:action>/", views.member_action,
         name="group_member_action"),
    path("partners/", views.partner_posts, name="partner_posts"),
    path("partners/new/", views.partner_post_new, name="partner_post_new"),
    path("partners/<int:post_id>/", views.partner_post, name="partner_post"),
    path("partners/<int:post_id>/<str:action>/", views.partner_post_action, name="partner_post_action"),
    path("partners/answers/<int:answer_id>/", views.partner_answer, name="partner_answer"),
    path("report/<str:target>/<int:target_id>/", views.report, name="report"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("moderation/<int:report_id>/", views.report_decide, name="report_decide"),
    path("moderation/mine/", views.my_reports, name="my_reports"),
]
