"""Admin for time categories: administrators rename, reorder and retire them, through the service."""

from typing import Any

from django.contrib import admin

from core.admin import ServiceSavedAdmin
from timesheets import services
from timesheets.models import TimeCategory


@admin.register(TimeCategory)
class TimeCategoryAdmin(ServiceSavedAdmin):
    list_display = ["name", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]

    def save_through_service(
        self, *, actor: Any, obj: TimeCategory, data: dict[str, Any], change: bool
    ) -> Any:
        # Records point at their category: retire one by unticking "offered to workers", never delete.
        return services.time_category_save(actor=actor, category=obj)


# Time records and observed form time are deliberately not in the admin: nobody but the worker and their
# manager sees a worker's time, and administrators are neither.
