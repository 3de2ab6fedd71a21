from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from families.registry import FamilyTab, register_family_tab

        register_family_tab(FamilyTab("assessment", _("Assessment"), "assessments:detail", order=20))
