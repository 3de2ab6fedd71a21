"""Administrators configure the framework here: add, rename or retire an outcome area (never delete it,
so past assessments keep their data). Assessments themselves are read-only here: they change through the
family's pages and services, which keep versions and history."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import Assessment, AssessmentReview, Domain, DomainEntry, Framework


class NoDeleteMixin:
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DomainInline(NoDeleteMixin, admin.TabularInline):
    model = Domain
    fields = ["order", "name", "description", "active"]
    extra = 1


@admin.register(Framework)
class FrameworkAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "is_default", "scale_min", "scale_max"]
    inlines = [DomainInline]


@admin.register(Domain)
class DomainAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "framework", "order", "active"]
    list_filter = ["framework", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]


class ReadOnlyAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["family", "framework", "started_on"]
    list_select_related = ["family", "framework"]
    search_fields = ["family__reference"]


@admin.register(DomainEntry)
class DomainEntryAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "domain", "family_score", "worker_score", "version"]
    list_select_related = ["assessment__family", "domain"]


@admin.register(AssessmentReview)
class AssessmentReviewAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "kind", "reviewed_on"]
    list_select_related = ["assessment__family"]
