from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from staff import services
from staff.models import Team, User


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area"]
    search_fields = ["name", "area"]

    def save_model(self, request: HttpRequest, obj: Team, form: Any, change: bool) -> None:
        if change:
            obj._history_user = request.user  # type: ignore[attr-defined]
            obj.save()
        else:
            created = services.team_create(actor=request.user, name=obj.name, area=obj.area)  # type: ignore[arg-type]
            obj.pk = created.pk
            obj.managers_group = created.managers_group


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "agency", "is_active"]
    list_filter = ["role", "team", "is_active"]
    list_select_related = ["team", "agency"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        ("Power of One", {"fields": ("role", "team", "agency", "job_title", "phone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Power of One", {"fields": ("first_name", "last_name", "email", "role", "team", "agency")}),
    )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        obj._history_user = request.user  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)
        # Team managers' group membership follows their role and team.
        services._sync_manager_groups(obj)


# Time categories (issue 6) live in their own module.
from staff import time_admin  # noqa: E402, F401
