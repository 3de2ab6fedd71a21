"""procedure (see voice/urls/__init__.py)"""

from django.urls import URLPattern

app_name = "procedure"

urlpatterns: list[URLPattern] = []
