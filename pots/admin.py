"""Practical-help requests and the ledger are casework and not in the admin. Pots and their
contributions are shown read-only: a pot is opened and changed, and money comes in, only through the
pot's own pages and pots.services, where the team-manager rule, the locks and the ledger run."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from pots.models import Contribution, Pot


@admin.register(Pot)
class PotAdmin(ReadOnlyAdmin):
    list_display = ("name", "team", "starts_on", "ends_on", "auto_approval_limit", "family_cap")
    list_filter = ("team",)


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ("pot", "funder", "amount", "received_on")
    list_select_related = ("pot", "funder")
