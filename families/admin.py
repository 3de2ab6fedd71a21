"""The admin is for configuration and data correction by administrators; every save goes through the
same services as the web pages, so history records the administrator and the reason."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from families import services
from families.models import CaseNote, Family, Person


@admin.register(Family)
class FamilyAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "name", "status", "team", "lead_practitioner"]
    list_filter = ["status", "team"]
    search_fields = ["reference", "name", "postcode"]
    list_select_related = ["team", "lead_practitioner"]
    # Status, team and lead change only through their services (hand over, move, close), which keep
    # access rights in step; the admin corrects details.
    fields = [
        "reference",
        "name",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "status",
        "team",
        "lead_practitioner",
    ]
    readonly_fields = ["reference", "status", "team", "lead_practitioner"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Family, form: Any, change: bool) -> None:
        services.family_update(
            actor=request.user,  # type: ignore[arg-type]
            family=obj,
            reason="Corrected in the admin",
            **{f: form.cleaned_data[f] for f in services.FAMILY_EDITABLE_FIELDS if f in form.cleaned_data},
        )


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["first_name", "last_name", "household_role", "family"]
    search_fields = ["first_name", "last_name", "family__reference"]
    list_select_related = ["family"]
    readonly_fields = ["family"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        fields = {f: form.cleaned_data[f] for f in services.PERSON_FIELDS if f in form.cleaned_data}
        services.person_update(actor=request.user, person=obj, reason="Corrected in the admin", **fields)  # type: ignore[arg-type]


@admin.register(CaseNote)
class CaseNoteAdmin(SimpleHistoryAdmin):
    list_display = ["family", "occurred_on", "kind", "author"]
    list_select_related = ["family", "author"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
