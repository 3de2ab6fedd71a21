"""Plans, goals, actions, reviews, agreements and their documents are casework and not in the admin:
they change through the family's pages and services. The admin shows only the morning reminders sent
to workers (read-only), for support questions."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from plans.models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["worker", "sent_on", "reviews", "overdue_actions"]
    list_select_related = ["worker"]
