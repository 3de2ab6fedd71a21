"""The admin configures partner agencies and their referral inboxes, through agencies.services (the
agency's staff group, the email checks and history naming the administrator). Consents, family-agency
links, referrals, their responses and the outbox are casework and not in the admin: they change only
from the family record, where consent withdrawal and the links' rules run."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from agencies.services import agency as services
from core.admin import ServiceSavedAdmin, ServiceSavedInline
from partners.models import Agency, AgencyInbox


class AgencyInboxInline(ServiceSavedInline):
    model = AgencyInbox
    fields = ("email",)
    extra = 1


@admin.register(Agency)
class AgencyAdmin(ServiceSavedAdmin):
    list_display = ("name", "kind", "manager_name", "manager_email")
    list_filter = ("kind",)
    search_fields = ("name", "inboxes__email")
    inlines = [AgencyInboxInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The services rename nothing: an agency's name and kind are set when it is added.
        return ("name", "kind") if obj is not None else ()

    def save_through_service(self, *, actor: Any, obj: Agency, data: dict[str, Any], change: bool) -> Any:
        contact = {key: data.get(f"manager_{key}", "") for key in ("name", "email", "phone")}
        if change:
            return services.agency_set_manager(actor=actor, agency=obj, **contact)
        return services.agency_create(
            actor=actor,
            name=data["name"],
            kind=data["kind"],
            manager_name=contact["name"],
            manager_email=contact["email"],
            manager_phone=contact["phone"],
        )

    def save_inline_through_service(self, *, actor: Any, obj: AgencyInbox, parent: Agency) -> Any:
        return services.agency_inbox_add(actor=actor, agency=parent, email=obj.email)
