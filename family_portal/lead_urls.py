"""Staff-side pages about what the family sent (mounted outside /my/, for the staff who hold the family)."""

from django.urls import path

from family_portal.views import lead

app_name = "family_messages"

urlpatterns = [
    path("<str:reference>/documents/<int:message_id>/", lead.document, name="document"),
]
