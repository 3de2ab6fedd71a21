"""Protecting the public forms (complaint, suggestion, survey) without an account: a honeypot field that
people never see, and a limit on posts per address (settings.VOICE_PUBLIC_FORM_LIMIT, "5/h").

The limit is counted in the database, so every web node sees the same count; the address is stored only
as an HMAC with the secret key, for an hour. A post over the limit, or with the honeypot filled, gets a
clear message and writes nothing.
"""

import datetime
import hashlib
import hmac
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.sign_in import client_ip
from voice.models import PublicPost

HONEYPOT = "website"
UNITS = {"m": 60, "h": 3600, "d": 86400}


class HoneypotForm(forms.Form):
    """A field hidden from people (and from screen readers: the template renders it with
    `voice/public/honeypot.html`, which is aria-hidden and out of the tab order); a bot fills it."""

    website = forms.CharField(required=False, label=_("Leave this blank"))

    def clean_website(self) -> str:
        if self.cleaned_data.get(HONEYPOT):
            raise forms.ValidationError(_("We could not accept this form. Please try again."))
        return ""


def _limit() -> tuple[int, datetime.timedelta]:
    count, _slash, unit = settings.VOICE_PUBLIC_FORM_LIMIT.partition("/")
    return int(count), datetime.timedelta(seconds=UNITS[unit or "h"])


def _address_hash(request: HttpRequest) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def over_limit(request: HttpRequest, form: str) -> bool:
    """This address has already posted `form` as often as the window allows."""
    count, window = _limit()
    since = timezone.now() - window
    return (
        PublicPost.objects.filter(address_hash=_address_hash(request), form=form, at__gte=since).count()
        >= count
    )


def count_post(request: HttpRequest, form: str) -> None:
    """Count an accepted post, and forget posts older than the window (a day at most)."""
    _count, window = _limit()
    PublicPost.objects.filter(at__lt=timezone.now() - max(window, datetime.timedelta(days=1))).delete()
    PublicPost.objects.create(address_hash=_address_hash(request), form=form)


TOO_MANY: Any = _(
    "You have sent this form several times in the last hour. Please wait a while and try again, or "
    "phone or write to us instead."
)
