"""Every write of the family's own door: invitations (the staff side) and signing in (the family side)."""
