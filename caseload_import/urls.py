from django.urls import path

from caseload_import import views

app_name = "caseload_import"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/columns/", views.mapping, name="mapping"),
    path("<int:pk>/check/", views.report, name="report"),
    path("<int:pk>/check/report.csv", views.report_csv, name="report_csv"),
    path("<int:pk>/", views.progress, name="progress"),
]
