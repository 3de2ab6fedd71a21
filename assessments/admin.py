"""Administrators configure the framework here: add, rename or retire an outcome area (never delete it,
so past assessments keep their data), through the same services as every other write. Assessments
themselves are casework and not in the admin: they change through the family's pages."""

from typing import Any

from django.contrib import admin

from assessments import services
from assessments.models import Domain, Framework
from core.admin import ServiceSavedAdmin, ServiceSavedInline


class DomainInline(ServiceSavedInline):
    model = Domain
    fields = ["order", "name", "description", "active"]
    extra = 1


@admin.register(Framework)
class FrameworkAdmin(ServiceSavedAdmin):
    list_display = ["name", "is_default", "scale_min", "scale_max"]
    inlines = [DomainInline]

    def save_through_service(self, *, actor: Any, obj: Framework, data: dict[str, Any], change: bool) -> Any:
        return services.framework_save(actor=actor, framework=obj)

    def save_inline_through_service(self, *, actor: Any, obj: Domain, parent: Framework) -> Any:
        obj.framework = parent
        return services.domain_save(actor=actor, domain=obj)


@admin.register(Domain)
class DomainAdmin(ServiceSavedAdmin):
    list_display = ["name", "framework", "order", "active"]
    list_filter = ["framework", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]

    def save_through_service(self, *, actor: Any, obj: Domain, data: dict[str, Any], change: bool) -> Any:
        return services.domain_save(actor=actor, domain=obj)
