from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.navigation import NavItem, register
        from directory.insights import ServiceInsight, register_service_insight
        from reports.referral_outcomes import agency_referral_stats

        register(
            NavItem(
                _("Dashboard"), "reports:dashboard", lambda u: u.is_team_manager, prefix="/reports/", order=60
            )
        )
        # The staff directory pages show how the agency behind each service answers referrals.
        register_service_insight(
            ServiceInsight(
                key="referral_outcomes",
                heading=_("How referrals are answered"),
                load=agency_referral_stats,
                list_template="reports/includes/referral_outcomes_line.html",
                detail_template="reports/includes/referral_outcomes_rows.html",
                order=10,
            )
        )
