"""changes (see voice/urls/__init__.py): managers write and publish "you said, we did"."""

from django.urls import URLPattern, path

from voice.views import changes as views

app_name = "changes"

urlpatterns: list[URLPattern] = [
    path("", views.change_list, name="list"),
    path("new/", views.change_create, name="create"),
    path("<int:pk>/", views.change_detail, name="detail"),
    path("<int:pk>/edit/", views.change_edit, name="edit"),
    path("<int:pk>/publish/", views.change_publish, name="publish"),
    path("<int:pk>/unpublish/", views.change_unpublish, name="unpublish"),
]
