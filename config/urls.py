from django.contrib import admin
from django.urls import include, path

from core import health
from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("staff.urls")),
    path("time/", include("timesheets.urls")),
    path("families/", include("families.urls")),
    path("assessments/", include("assessments.urls")),
    path("plans/", include("plans.urls")),
    path("agencies/", include("agencies.urls")),
    path("reports/", include("reports.urls")),
    path("pots/", include("pots.urls")),
    path("caseload-import/", include("caseload_import.urls")),
    # The directory has public pages under /directory/ and the Open Referral UK API under /api/directory/.
    path("", include("directory.urls")),
    # The family's own pages (issue 11): a separate URL space, fenced from the staff's.
    path("my/", include("family_portal.urls")),
    # The staff side of it: who in a family is invited (family_portal/staff_urls.py).
    path("family-access/", include("family_portal.staff_urls")),
    # The lead's controls over what each family member sees (issue 11).
    path("family-sharing/", include("family_portal.sharing_urls")),
    # What a family sent from their own pages, for the staff who hold the family.
    path("from-the-family/", include("family_portal.lead_urls")),
    # Letters to family members that the lead posts (family_portal/letter_urls.py).
    path("family-letters/", include("family_portal.letter_urls")),
    # The family's voice (issue 12): public pages first, then the family's way in, then the staff's.
    path("have-your-say/", include("voice.urls.public")),
    path("have-your-say/suggest/", include("voice.urls.public_suggestions")),
    path("have-your-say/survey/", include("voice.urls.public_surveys")),
    path("have-your-say/how-we-handle-complaints/", include("voice.urls.public_procedure")),
    path("have-your-say/you-said-we-did/", include("voice.urls.public_changes")),
    path("my/have-your-say/", include("voice.urls.family")),
    path("complaints/", include("voice.urls.complaints")),
    path("suggestions/", include("voice.urls.suggestions")),
    path("surveys/", include("voice.urls.surveys")),
    path("you-said-we-did/", include("voice.urls.changes")),
    path("complaints-report/", include("voice.urls.report")),
    # The partner agencies' REST API (issue 15), and the agency manager's page for its keys.
    path("api/v1/", include("partner_api.urls")),
    path("agencies/portal/api-keys/", include("partner_api.portal_urls")),
    path("admin/", admin.site.urls),
]
