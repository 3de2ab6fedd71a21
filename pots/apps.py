from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PotsConfig(AppConfig):
    """The practical-help pot: money several agencies pay in, drawn out for a family's plan goal."""

    name = "pots"
    verbose_name = _("Practical-help pots")
