"""The family's own pages, under /my/: each views module lists its own URLs."""

from family_portal.views import actions, language, pages, plan_pdf, sign_in

app_name = "family_portal"

urlpatterns = [*sign_in.urls, *pages.urls, *actions.urls, *language.urls, *plan_pdf.urls]
