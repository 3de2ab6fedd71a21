from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from staff import services
from staff.models import Team, User
from staff.sessions import user_sessions_end


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
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_sessions_end(user=obj)  # deactivated: signed out everywhere, now


# One way in: the admin's own sign-in form would sign a user in with a password alone, skipping the code
# step of two-step verification, so signing in to the admin goes through the site's sign-in pages. The
# admin's page still tells a signed-in user without admin rights that they cannot use it.
_admin_login = admin.site.login


def _admin_login_through_sign_in(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    if request.method == "POST" or not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
    return _admin_login(request, extra_context)


admin.site.login = _admin_login_through_sign_in  # type: ignore[method-assign]
