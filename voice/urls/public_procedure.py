"""procedure (see voice/urls/__init__.py): the published complaints procedure, open to everyone."""

from django.urls import URLPattern, path

from voice.views import procedure

app_name = "procedure"

urlpatterns: list[URLPattern] = [
    path("", procedure.procedure, name="page"),
    path("large-print.pdf", procedure.large_print, name="large_print"),
]
