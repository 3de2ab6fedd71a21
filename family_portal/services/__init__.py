"""Every write of the family's own door, each under a transaction with the actor in the history:
invitations and restrictions (the staff side), signing in (the family side)."""
