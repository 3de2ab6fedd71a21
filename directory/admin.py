"""Configuration of the directory: vocabularies and terms, organisations and places, saved through
directory.services. Service entries themselves are edited on the directory's own pages (their owner,
review date and locations follow the services' rules there), so the admin shows them read-only."""

from typing import Any

from django.contrib import admin

from core.admin import ReadOnlyAdmin, ServiceSavedAdmin, ServiceSavedInline
from directory import feed_services, services
from directory.models import (
    Contact,
    DirectoryFeed,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    StaleReminder,
    Taxonomy,
    TaxonomyTerm,
    TermMapping,
)


class TaxonomyTermInline(ServiceSavedInline):
    model = TaxonomyTerm
    fields = ["code", "name", "description", "parent"]


@admin.register(Taxonomy)
class TaxonomyAdmin(ServiceSavedAdmin):
    list_display = ["name", "version"]
    inlines = [TaxonomyTermInline]

    def get_inlines(self, request: Any, obj: Taxonomy | None) -> list[Any]:
        # A standard list has over a thousand terms: they are searched and edited under Taxonomy terms.
        if obj is not None and obj.terms.count() > 200:
            return []
        return super().get_inlines(request, obj)

    def save_through_service(self, *, actor: Any, obj: Taxonomy, data: dict[str, Any], change: bool) -> Any:
        return services.taxonomy_save(actor=actor, taxonomy=obj)

    def save_inline_through_service(self, *, actor: Any, obj: TaxonomyTerm, parent: Taxonomy) -> Any:
        obj.taxonomy = parent
        return services.taxonomy_term_save(actor=actor, term=obj)


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(ServiceSavedAdmin):
    list_display = ["name", "code", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]

    def save_through_service(
        self, *, actor: Any, obj: TaxonomyTerm, data: dict[str, Any], change: bool
    ) -> Any:
        return services.taxonomy_term_save(actor=actor, term=obj)


@admin.register(TermMapping)
class TermMappingAdmin(ServiceSavedAdmin):
    """A need's search also finds services tagged with the terms it maps to (load_taxonomies adds ours)."""

    list_display = ["from_term", "to_term"]
    list_filter = ["from_term__taxonomy", "to_term__taxonomy"]
    search_fields = ["from_term__name", "to_term__name", "to_term__code"]
    list_select_related = ["from_term", "to_term"]

    def save_through_service(
        self, *, actor: Any, obj: TermMapping, data: dict[str, Any], change: bool
    ) -> Any:
        return services.term_mapping_save(actor=actor, mapping=obj)


@admin.register(Organization)
class OrganizationAdmin(ServiceSavedAdmin):
    list_display = ["name", "agency", "email", "website"]
    search_fields = ["name"]
    list_select_related = ["agency"]

    def save_through_service(
        self, *, actor: Any, obj: Organization, data: dict[str, Any], change: bool
    ) -> Any:
        return services.organization_save(actor=actor, organization=obj)


@admin.register(Location)
class LocationAdmin(ServiceSavedAdmin):
    list_display = ["name", "city", "postcode", "location_type"]
    search_fields = ["name", "postcode", "city"]

    def save_through_service(self, *, actor: Any, obj: Location, data: dict[str, Any], change: bool) -> Any:
        return services.location_save(actor=actor, location=obj)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class ScheduleInline(admin.TabularInline):
    model = Schedule
    fields = ["byday", "opens_at", "closes_at", "description"]
    extra = 0


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    fields = ["kind", "code", "name"]
    extra = 0


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "organization", "status", "owner", "last_reviewed_on"]
    # Only the terms in use: the esd service types alone are over 1,500.
    list_filter = ["status", ("taxonomy_terms", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization", "owner"]
    inlines = [ServiceAtLocationInline, ServiceAreaInline, ContactInline, ScheduleInline]


@admin.register(StaleReminder)
class StaleReminderAdmin(ReadOnlyAdmin):
    list_display = ["owner", "week_starting", "service_count", "sent_at"]


@admin.register(DirectoryFeed)
class DirectoryFeedAdmin(ServiceSavedAdmin):
    """Other directories' feeds imported each night (`directory_import`); retire one by unticking it."""

    list_display = ["name", "url", "owner", "active", "last_run_at", "last_run_ok"]
    list_filter = ["active", "last_run_ok"]
    search_fields = ["name", "url"]
    list_select_related = ["owner"]
    fields = ["name", "url", "owner", "active", "last_run_at", "last_run_ok", "last_run_outcome"]
    readonly_fields = ["last_run_at", "last_run_ok", "last_run_outcome"]

    def save_through_service(
        self, *, actor: Any, obj: DirectoryFeed, data: dict[str, Any], change: bool
    ) -> Any:
        return feed_services.directory_feed_save(actor=actor, feed=obj)
