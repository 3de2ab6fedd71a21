from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("<str:reference>/", views.assessment_detail, name="detail"),
    path("<str:reference>/start/", views.assessment_start, name="start"),
    path("<str:reference>/summary/", views.assessment_edit, name="edit"),
    path("<str:reference>/areas/<int:entry_id>/", views.entry_edit, name="entry_edit"),
    path("<str:reference>/reviews/add/", views.review_add, name="review_add"),
]
