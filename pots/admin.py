"""The admin shows the pots app read-only: money moves only through pots.services (with its locks,
checks and attribution), and the ledger can never be changed or deleted by anyone."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from pots.models import Contribution, HelpRequest, LedgerEntry, Pot


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Pot)
class PotAdmin(ReadOnlyAdmin):
    list_display = ("name", "team", "starts_on", "ends_on", "auto_approval_limit", "family_cap")
    list_filter = ("team",)


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ("pot", "funder", "amount", "received_on")
    list_select_related = ("pot", "funder")


@admin.register(HelpRequest)
class HelpRequestAdmin(ReadOnlyAdmin):
    list_display = ("pk", "pot", "category", "amount", "status", "requested_at")
    list_filter = ("status", "category")
    list_select_related = ("pot",)
    exclude = ("receipt",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ("pk", "pot", "kind", "amount", "contribution", "help_request", "created_at")
    list_filter = ("kind",)
    list_select_related = ("pot", "contribution__funder", "help_request")
    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
