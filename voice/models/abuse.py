"""Public forms' protection: a post from an address, kept an hour to limit posts per address."""

from django.db import models
from django.utils import timezone


class PublicPost(models.Model):
    """One post of a public form. The address is kept only as a keyed hash (voice/abuse.py), and only
    for the rate limit's window: nothing joins it to what was posted."""

    form = models.CharField(max_length=20)
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "form", "at"], name="voice_publicpost_window")]

    def __str__(self) -> str:
        return f"{self.form} at {self.at:%H:%M}"
