from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimesheetsConfig(AppConfig):
    """Where workers spend their time: time records, categories, the timer and observed form time."""

    name = "timesheets"
    verbose_name = _("Time records")
