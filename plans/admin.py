"""Plans change through the family's pages and services (versions, history, the family's agreement);
the admin shows them read-only with their history, and the sent reminders for support questions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Action, Goal, Plan, PlanAgreement, PlanDocument, PlanReview, ReminderSent


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["family", "started_on", "next_review_on"]
    list_select_related = ["family"]
    search_fields = ["family__reference"]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["text", "plan", "domain", "status", "target_on"]
    list_select_related = ["plan__family", "domain"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["text", "goal", "status", "due_on"]
    list_select_related = ["goal"]


@admin.register(PlanReview)
class PlanReviewAdmin(ReadOnlyAdmin):
    list_display = ["plan", "held_on", "next_review_on"]
    list_select_related = ["plan__family"]


@admin.register(PlanAgreement)
class PlanAgreementAdmin(ReadOnlyAdmin):
    list_display = ["plan", "agreed_by", "agreed_at", "method"]
    list_select_related = ["plan__family", "agreed_by"]


@admin.register(PlanDocument)
class PlanDocumentAdmin(ReadOnlyAdmin):
    list_display = ["plan", "large_print", "status", "created_at"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["worker", "sent_on", "reviews", "overdue_actions"]
    list_select_related = ["worker"]
