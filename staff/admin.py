from typing import Any

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import ServiceSavedAdmin
from staff import services
from staff.models import Team, User


@admin.register(Team)
class TeamAdmin(ServiceSavedAdmin):
    list_display = ["name", "area"]
    search_fields = ["name", "area"]

    def save_through_service(self, *, actor: Any, obj: Team, data: dict[str, Any], change: bool) -> Any:
        if change:
            return services.team_update(actor=actor, team=obj, name=data["name"], area=data.get("area", ""))
        return services.team_create(actor=actor, name=data["name"], area=data.get("area", ""))


# Group membership and permissions follow a user's role and team (staff.services), and a team's managers
# group holds its families' object permissions: editing them by hand would hand out family access.
_USER_READ_ONLY = ("groups", "user_permissions", "last_login", "date_joined")


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ServiceSavedAdmin):
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
    readonly_fields = _USER_READ_ONLY

    def get_queryset(self, request: HttpRequest) -> Any:
        # Family members' accounts are casework (who is receiving help): the lead invites and withdraws
        # them on the family's own record, never here (ADR 001, ADR 007).
        return super().get_queryset(request).exclude(role=User.Role.FAMILY_MEMBER)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role":
            kwargs["choices"] = [c for c in User.Role.choices if c[0] != User.Role.FAMILY_MEMBER]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_through_service(self, *, actor: Any, obj: User, data: dict[str, Any], change: bool) -> Any:
        if change:
            fields = {f: data[f] for f in services.USER_ADMIN_FIELDS if f in data}
            return services.user_update(actor=actor, user=obj, reason="Changed in the admin", **fields)
        return services.user_create(
            actor=actor,
            username=data["username"],
            password=data.get("password1") or None,
            role=data["role"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
            team=data.get("team"),
            agency=data.get("agency"),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # groups and permissions are the services' (see _USER_READ_ONLY); there are no inlines


# Not in the admin: groups (above), and the two-step devices, whose admin shows a user's secret key and
# would let an administrator add a device to someone else's account. A user sets up and turns off their
# own second step; `staff.two_factor_services.two_factor_disable` is the service for a reset.
for _model in (Group, TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class _ReadOnlyAxesMixin:
    """django-axes' records of sign-in attempts: evidence, so not changed here."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AccessAttemptAdmin(_ReadOnlyAxesMixin, axes_admin.AccessAttemptAdmin):
    """Deleting a lockout's attempt row is django-axes' documented way to unlock an account early."""


class AccessLogAdmin(_ReadOnlyAxesMixin, axes_admin.AccessLogAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AccessFailureLogAdmin(_ReadOnlyAxesMixin, axes_admin.AccessFailureLogAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for _model, _admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)


# One way in: the admin's own sign-in form would sign a user in with a password alone, skipping the code
# step of two-step verification, so signing in to the admin goes through the site's sign-in pages. The
# admin's page still tells a signed-in user without admin rights that they cannot use it.
_admin_login = admin.site.login


def _admin_login_through_sign_in(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    if request.method == "POST" or not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
    return _admin_login(request, extra_context)


admin.site.login = _admin_login_through_sign_in  # type: ignore[method-assign]
