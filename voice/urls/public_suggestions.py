"""suggest (see voice/urls/__init__.py)"""

from django.urls import URLPattern, path

from voice.views import public

app_name = "suggest"

urlpatterns: list[URLPattern] = [
    path("", public.suggestion, name="index"),
    path("sent/<str:reference>/", public.suggestion_made, name="thanks"),
]
