from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Agency, AgencyInbox


class AgencyInboxInline(admin.TabularInline):
    model = AgencyInbox
    extra = 1


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "manager_name", "manager_email")
    list_filter = ("kind",)
    search_fields = ("name", "inboxes__email")
    inlines = [AgencyInboxInline]
