from django.urls import path

from timesheets import views as time_views

app_name = "time"

urlpatterns = [
    path("", time_views.my_week, name="week"),
    path("add/", time_views.time_add, name="add"),
    path("<int:record_id>/change/", time_views.time_change, name="change"),
    path("<int:record_id>/remove/", time_views.time_delete, name="delete"),
    path("timer/start/", time_views.timer_start, name="timer_start"),
    path("timer/stop/", time_views.timer_stop, name="timer_stop"),
    path("timer/discard/", time_views.timer_discard, name="timer_discard"),
    path("families/<str:reference>/note/", time_views.note_add, name="note_add"),
    path("workers/<int:worker_id>/", time_views.worker_week, name="worker_week"),
]
