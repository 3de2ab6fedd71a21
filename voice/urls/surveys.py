"""surveys (see voice/urls/__init__.py)"""

from django.urls import path

from voice.views import surveys as views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("open/", views.survey_open, name="open"),
    path("<int:survey_id>/", views.results, name="results"),
    path("<int:survey_id>/results.csv", views.results_csv, name="results_csv"),
    path("<int:survey_id>/close/", views.survey_close, name="close"),
    path("<int:survey_id>/paper.pdf", views.paper, name="paper"),
]
