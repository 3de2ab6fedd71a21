from django.contrib import admin

from core.admin import ReadOnlyAdmin
from reports.models import WeeklyDigestSent


@admin.register(WeeklyDigestSent)
class WeeklyDigestSentAdmin(ReadOnlyAdmin):
    list_display = ["manager", "week_start", "sent_at"]
    list_select_related = ["manager"]
    date_hierarchy = "week_start"
