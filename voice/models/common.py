"""Choices the complaint, the suggestion and the survey share."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

# Capital letters and digits a person can read back over the phone: no 0/O, 1/I/L, U/V.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"


def reference_for(prefix: str) -> str:
    """A short reference for the person to quote, like CMP-7K3Q9 (uniqueness is the caller's retry)."""
    return f"{prefix}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Channel(models.TextChoices):
    """How the person wants to hear back (the same three as the family's own pages)."""

    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")
    NONE = "none", _("I do not want to hear back")


class Language(models.TextChoices):
    ENGLISH = "en-gb", _("English")
    WELSH = "cy", _("Cymraeg (Welsh)")


class HowReceived(models.TextChoices):
    ONLINE = "online", _("Online form")
    FAMILY_PAGES = "family_pages", _("The family's own pages")
    PHONE = "phone", _("Phone call")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
