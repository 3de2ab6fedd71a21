from django.urls import path

from families import views

app_name = "families"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.family_create, name="create"),
    path("<str:reference>/", views.family_detail, name="detail"),
    path("<str:reference>/chronology/", views.family_chronology, name="chronology"),
    path("<str:reference>/history/", views.family_history, name="history"),
    path("<str:reference>/looks/", views.family_looks, name="looks"),
    path("<str:reference>/edit/", views.family_edit, name="edit"),
    path("<str:reference>/members/new/", views.person_add, name="person_add"),
    path("<str:reference>/members/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("<str:reference>/notes/new/", views.note_add, name="note_add"),
    path("<str:reference>/hand-over/", views.hand_over, name="hand_over"),
    path("<str:reference>/close/", views.close, name="close"),
    path("<str:reference>/reopen/", views.reopen, name="reopen"),
    path("<str:reference>/step/", views.step, name="step"),
    path("<str:reference>/move-team/", views.move_team, name="move_team"),
]
