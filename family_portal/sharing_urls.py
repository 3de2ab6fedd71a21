"""Staff side of the family's own door, under /family-sharing/: what each family member sees."""

from family_portal.views import restrictions

app_name = "family_sharing"

urlpatterns = [*restrictions.urls]
