"""survey (see voice/urls/__init__.py)"""

from django.urls import path

from voice.views import public_surveys as views

app_name = "survey"

urlpatterns = [
    path("thank-you/", views.thanks, name="thanks"),
    path("<str:token>/", views.answer, name="answer"),
]
