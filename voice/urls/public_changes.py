"""you_said (see voice/urls/__init__.py)"""

from django.urls import URLPattern

app_name = "you_said"

urlpatterns: list[URLPattern] = []
