"""my_voice (see voice/urls/__init__.py)"""

from django.urls import URLPattern

from voice.views import family

app_name = "my_voice"

urlpatterns: list[URLPattern] = [*family.urls]
