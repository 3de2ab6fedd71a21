"""Admin for time categories: administrators rename, reorder and retire them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from timesheets.models import TimeCategory


@admin.register(TimeCategory)
class TimeCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]

    def save_model(self, request: HttpRequest, obj: TimeCategory, form: Any, change: bool) -> None:
        obj._history_user = request.user  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Records point at their category; retire a category by unticking "offered to workers".
        return False


# Time records and observed form time are deliberately not in the admin: nobody but the worker and their
# manager sees a worker's time, and administrators are neither.
