from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PotsConfig(AppConfig):
    """The practical-help pot: money several agencies pay in, drawn out for a family's plan goal."""

    name = "pots"
    verbose_name = _("Practical-help pots")

    def ready(self) -> None:
        from families.registry import FamilyTab, register_family_tab

        register_family_tab(FamilyTab("practical_help", _("Practical help"), "pots:family", order=60))

        from core.navigation import NavItem, register

        register(
            NavItem(
                _("Practical help"),
                "pots:list",
                lambda u: u.is_casework_staff or u.is_agency_worker,
                prefix="/pots/",
                order=30,
            ),
            NavItem(
                _("Approvals"),
                "pots:approvals",
                lambda u: u.is_team_manager,
                prefix="/pots/approvals/",
                order=40,
            ),
        )

        from families.models import RecordLook
        from families.registry import register_look_categories

        register_look_categories(
            {
                f"pots:{name}": RecordLook.Category.POT
                for name in (
                    "family",
                    "request_new",
                    "request_detail",
                    "decide",
                    "pay",
                    "cancel",
                    "refund",
                    "receipt",
                    "receipt_file",
                )
            }
        )
