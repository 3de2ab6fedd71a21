"""The family's own pages, under /my/: each views module lists its own URLs."""

from family_portal.views import actions, pages, sign_in

app_name = "family_portal"

urlpatterns = [*sign_in.urls, *pages.urls, *actions.urls]
