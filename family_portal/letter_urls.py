"""Staff side: letters to post (mounted at /family-letters/)."""

from django.urls import path

from family_portal import letter_views

app_name = "family_letters"

urlpatterns = [
    path("", letter_views.letter_list, name="list"),
    path("<int:notice_id>/letter.pdf", letter_views.letter_download, name="download"),
    path("<int:notice_id>/posted/", letter_views.letter_posted, name="posted"),
]
