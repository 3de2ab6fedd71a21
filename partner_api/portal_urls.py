"""The agency manager's pages for the agency's API keys (under the agency portal)."""

from django.urls import path

from partner_api import views

app_name = "partner_api_keys"

urlpatterns = [
    path("", views.key_list, name="list"),
    path("new/", views.key_new, name="new"),
    path("<int:pk>/made/", views.key_made, name="made"),
    path("<int:pk>/revoke/", views.key_revoke, name="revoke"),
]
