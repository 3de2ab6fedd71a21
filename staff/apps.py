from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts, roles and teams (and, later, where workers spend their time)."""

    name = "staff"
    verbose_name = _("Staff and teams")

    def ready(self) -> None:
        from core.navigation import NavItem, register

        # The time pages (staff/time_urls.py) until time records have an app of their own.
        register(NavItem(_("My week"), "time:week", lambda u: u.is_casework_staff, prefix="/time/", order=50))
