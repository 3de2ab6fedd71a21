"""complaints (see voice/urls/__init__.py): the complaints staff's pages, and the responsible person's."""

from django.urls import URLPattern, path

from voice.views import complaints, stages

app_name = "complaints"

urlpatterns: list[URLPattern] = [
    path("", complaints.complaint_list, name="list"),
    path("record/", complaints.complaint_record, name="record"),
    path("<str:reference>/", complaints.complaint_detail, name="detail"),
    path("<str:reference>/history/", complaints.complaint_history_page, name="history"),
    path("<str:reference>/responsible/", stages.name_responsible, name="responsible"),
    path("<str:reference>/extend/", stages.extend, name="extend"),
    path("<str:reference>/decision/", stages.decide, name="decide"),
    path("<str:reference>/next-stage/", stages.escalate, name="escalate"),
    path("<str:reference>/by-pass/", stages.bypass, name="bypass"),
    path("<str:reference>/panel/", stages.panel_held, name="panel_held"),
    path("<str:reference>/panel-report/", stages.panel_reported, name="panel_reported"),
    path("<str:reference>/close/", stages.close, name="close"),
]
