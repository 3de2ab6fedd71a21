"""The partner API, versioned under /api/v1/ (config/urls.py), with its OpenAPI 3 schema and reference."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from partner_api import api

app_name = "partner_api"

urlpatterns = [
    path("referrals/", api.ReferralList.as_view(), name="referrals"),
    path("referrals/<int:pk>/", api.ReferralDetail.as_view(), name="referral"),
    path("referrals/<int:pk>/answer/", api.ReferralAnswer.as_view(), name="referral_answer"),
    path("actions/", api.ActionList.as_view(), name="actions"),
    path("actions/<int:pk>/", api.ActionUpdate.as_view(), name="action"),
    path("pots/", api.PotList.as_view(), name="pots"),
    path("pots/<int:pk>/statement/", api.PotStatement.as_view(), name="pot_statement"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="partner_api:schema", template_name="partner_api/reference.html"
        ),
        name="docs",
    ),
]
