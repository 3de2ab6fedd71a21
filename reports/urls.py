from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.csv", views.dashboard_csv, name="dashboard_csv"),
    path("dashboard/export.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("dashboard/referrals-waiting/", views.referrals_waiting, name="referrals_waiting"),
    path("dashboard/reviews-overdue/", views.reviews_overdue, name="reviews_overdue"),
    path("unusual-access/", views.unusual_access_report, name="unusual_access"),
]
