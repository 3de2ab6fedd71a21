from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PotsConfig(AppConfig):
    """The practical-help pot: money several agencies pay in, drawn out for a family's plan goal."""

    name = "pots"
    verbose_name = _("Practical-help pots")

    def ready(self) -> None:
        from families.registry import FamilyTab, register_family_tab

        register_family_tab(FamilyTab("practical_help", _("Practical help"), "pots:family", order=60))
