from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimesheetsConfig(AppConfig):
    """Where workers spend their time: time records, categories, the timer and observed form time."""

    name = "timesheets"
    verbose_name = _("Time records")

    def ready(self) -> None:
        from core.navigation import NavItem, register

        register(NavItem(_("My week"), "time:week", lambda u: u.is_casework_staff, prefix="/time/", order=50))
