from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


class ApiKeyForm(Form):
    name = forms.CharField(
        label=_("Name of the key"),
        help_text=_("Say which of your systems will use it, for example “Case management system”."),
        max_length=100,
        error_messages={"required": _("Enter a name for the key.")},
    )


class RevokeForm(Form):
    """Nothing to fill in: the page asks to confirm."""
