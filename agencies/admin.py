from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agencies.models import Consent, FamilyAgency, OutboxMessage, Referral, ReferralResponse


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ("family", "agency", "category", "given_on", "expires_on", "withdrawn_at")
    list_filter = ("category",)
    raw_id_fields = ("family", "given_by")
    # Consent is recorded and withdrawn from the family record, where withdrawal takes effect at once.
    readonly_fields = ("withdrawn_at",)


@admin.register(FamilyAgency)
class FamilyAgencyAdmin(SimpleHistoryAdmin):
    list_display = ("family", "agency", "since", "ended_on")
    raw_id_fields = ("family",)


class ReferralResponseInline(admin.TabularInline):
    model = ReferralResponse
    extra = 0
    can_delete = False
    fields = ("agency", "status", "ack_due_at", "acknowledged_at", "answered_at")
    readonly_fields = fields


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ("number", "family", "urgency", "status", "sent_at")
    list_filter = ("status", "urgency")
    raw_id_fields = ("family", "sent_by", "override_by")
    inlines = [ReferralResponseInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # referrals change through the service (links, access and emails follow)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: what was sent, what is waiting and why it failed."""

    list_display = ("idempotency_key", "kind", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("idempotency_key",)
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
