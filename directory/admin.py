"""Configuration of the directory: vocabularies and terms, organisations, places, and full entries."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from directory.models import (
    Contact,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    StaleReminder,
    Taxonomy,
    TaxonomyTerm,
)


class TaxonomyTermInline(admin.TabularInline):
    model = TaxonomyTerm
    fields = ["code", "name", "description", "parent"]
    extra = 0


@admin.register(Taxonomy)
class TaxonomyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version"]
    inlines = [TaxonomyTermInline]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agency", "email", "website"]
    search_fields = ["name"]
    list_select_related = ["agency"]


@admin.register(Location)
class LocationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "city", "postcode", "location_type"]
    search_fields = ["name", "postcode", "city"]


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
    autocomplete_fields = ["location"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "status", "owner", "last_reviewed_on"]
    list_filter = ["status", "taxonomy_terms"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization", "owner"]
    filter_horizontal = ["taxonomy_terms"]
    inlines = [ServiceAtLocationInline, ContactInline, ScheduleInline]


@admin.register(StaleReminder)
class StaleReminderAdmin(admin.ModelAdmin):
    list_display = ["owner", "week_starting", "service_count", "sent_at"]
    readonly_fields = ["owner", "week_starting", "service_count", "sent_at"]
