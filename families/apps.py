from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Families")

    def ready(self) -> None:
        from families.registry import FamilyTab, register_family_tab

        register_family_tab(FamilyTab("overview", _("Overview"), "families:detail", order=10))
        register_family_tab(FamilyTab("chronology", _("Chronology"), "families:chronology", order=40))
        register_family_tab(FamilyTab("history", _("History"), "families:history", order=90))

        from core.navigation import NavItem, register

        register(
            NavItem(
                _("Families"),
                "families:caseload",
                lambda u: u.is_casework_staff,
                prefix="/families/",
                order=10,
            )
        )
