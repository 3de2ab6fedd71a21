from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("<str:reference>/", views.plan_detail, name="detail"),
    path("<str:reference>/start/", views.plan_start, name="start"),
    path("<str:reference>/edit/", views.plan_edit, name="edit"),
    path("<str:reference>/goals/add/", views.goal_add, name="goal_add"),
    path("<str:reference>/goals/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path("<str:reference>/actions/add/", views.action_add, name="action_add"),
    path("<str:reference>/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path("<str:reference>/reviews/add/", views.review_add, name="review_add"),
    path("<str:reference>/agree/", views.plan_agree, name="agree"),
    path("<str:reference>/changes/", views.plan_changes, name="changes"),
    path("<str:reference>/pdf/", views.plan_pdf, name="pdf"),
    path("<str:reference>/pdf/<int:document_id>/", views.document_status, name="document"),
    path(
        "<str:reference>/pdf/<int:document_id>/download/", views.document_download, name="document_download"
    ),
]
