"""complaints_report (see voice/urls/__init__.py)"""

from django.urls import URLPattern

app_name = "complaints_report"

urlpatterns: list[URLPattern] = []
