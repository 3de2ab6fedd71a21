from django.contrib import admin

from reports.models import WeeklyDigestSent


@admin.register(WeeklyDigestSent)
class WeeklyDigestSentAdmin(admin.ModelAdmin):
    list_display = ["manager", "week_start", "sent_at"]
    list_select_related = ["manager"]
    date_hierarchy = "week_start"

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
