"""you_said (see voice/urls/__init__.py): the public "you said, we did" page."""

from django.urls import URLPattern, path

from voice.views import changes as views

app_name = "you_said"

urlpatterns: list[URLPattern] = [path("", views.public_list, name="list")]
