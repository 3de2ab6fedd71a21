"""Every write of the family's own door, each under a transaction with the actor in the history:
invitations, restrictions and letters (the staff side), signing in, what members do and what they are
told (the family side). One module per part."""
