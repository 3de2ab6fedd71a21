from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.navigation import NavItem, register

        register(
            NavItem(
                _("Dashboard"), "reports:dashboard", lambda u: u.is_team_manager, prefix="/reports/", order=60
            )
        )
