from django.contrib import admin
from django.urls import include, path

from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("", include("staff.urls")),
    path("time/", include("timesheets.urls")),
    path("families/", include("families.urls")),
    path("assessments/", include("assessments.urls")),
    path("plans/", include("plans.urls")),
    path("agencies/", include("agencies.urls")),
    path("reports/", include("reports.urls")),
    path("pots/", include("pots.urls")),
    # The directory has public pages under /directory/ and the Open Referral UK API under /api/directory/.
    path("", include("directory.urls")),
    # The family's own pages (issue 11): a separate URL space, fenced from the staff's.
    path("my/", include("family_portal.urls")),
    path("family-letters/", include("family_portal.letter_urls")),
    path("admin/", admin.site.urls),
]
