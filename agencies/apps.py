from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from families.registry import FamilyTab, register_family_tab

        register_family_tab(FamilyTab("referrals", _("Referrals"), "agencies:family_referrals", order=50))

        from core.navigation import NavItem, register

        register(
            NavItem(
                _("Referrals"),
                "agencies:portal_inbox",
                lambda u: u.is_agency_worker,
                prefix="/agencies/portal/",
                order=20,
            )
        )
