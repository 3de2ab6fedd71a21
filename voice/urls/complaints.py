"""complaints (see voice/urls/__init__.py)"""

from django.urls import URLPattern

app_name = "complaints"

urlpatterns: list[URLPattern] = []
