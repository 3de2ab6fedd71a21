from django.urls import path

from staff import two_factor_views

app_name = "two_factor"

urlpatterns = [
    path("", two_factor_views.overview, name="overview"),
    path("set-up/", two_factor_views.setup, name="setup"),
    path("backup-codes/", two_factor_views.backup_codes, name="backup_codes"),
    path("backup-codes/new/", two_factor_views.backup_codes_new, name="backup_codes_new"),
    path("turn-off/", two_factor_views.turn_off, name="turn_off"),
]
