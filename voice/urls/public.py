"""have_your_say (see voice/urls/__init__.py)"""

from django.urls import URLPattern

app_name = "have_your_say"

urlpatterns: list[URLPattern] = []
