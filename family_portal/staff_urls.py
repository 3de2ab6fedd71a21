"""The staff side of the family's own door, on the family's record: who is invited, inviting, withdrawing."""

from django.urls import path

from family_portal import staff_views

app_name = "family_access"

urlpatterns = [
    path("<str:reference>/", staff_views.members, name="family"),
    path("<str:reference>/invite/<int:person_id>/", staff_views.invite, name="invite"),
    path("<str:reference>/withdraw/<int:person_id>/", staff_views.withdraw, name="withdraw"),
]
