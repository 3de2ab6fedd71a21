"""Writes of the family's own door, each under a transaction with the actor in the history."""
