from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Families")

    def ready(self) -> None:
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
