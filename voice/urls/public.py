"""have_your_say (see voice/urls/__init__.py)"""

from django.urls import URLPattern, path

from voice.views import public

app_name = "have_your_say"

urlpatterns: list[URLPattern] = [
    path("", public.index, name="index"),
    path("complaint/", public.complaint, name="complaint"),
    path("complaint/sent/<str:reference>/", public.complaint_made, name="complaint_made"),
]
