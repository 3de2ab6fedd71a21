"""Agencies and their referral inboxes are configured in the admin through agencies.services (the
agency's staff group and the email checks live there), so their admin is registered in agencies/admin.py,
the floor that owns those services (ADR 004)."""
