"""survey (see voice/urls/__init__.py)"""

from django.urls import URLPattern

app_name = "survey"

urlpatterns: list[URLPattern] = []
