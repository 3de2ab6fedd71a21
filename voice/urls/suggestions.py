"""suggestions (see voice/urls/__init__.py): the staff's side of the suggestion box."""

from django.urls import URLPattern, path

from voice.views import review_meetings, suggestions

app_name = "suggestions"

urlpatterns: list[URLPattern] = [
    path("", suggestions.suggestion_list, name="list"),
    path("record/", suggestions.suggestion_record, name="record"),
    path("meetings/", review_meetings.meeting_list, name="meetings"),
    path("meetings/new/", review_meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", review_meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/add/", review_meetings.meeting_add, name="meeting_add"),
    path("<str:reference>/", suggestions.suggestion_detail, name="detail"),
    path("<str:reference>/responsible/", suggestions.suggestion_responsible, name="responsible"),
    path("<str:reference>/acknowledge/", suggestions.suggestion_acknowledge, name="acknowledge"),
    path("<str:reference>/decide/", review_meetings.suggestion_decide, name="decide"),
]
