from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from families.models import RecordLook
        from families.registry import FamilyTab, register_family_tab, register_look_categories

        register_family_tab(FamilyTab("assessment", _("Assessment"), "assessments:detail", order=20))
        # Every assessment page shows the family's assessment (the read log's category).
        names = ("detail", "start", "edit", "entry_edit", "review_add")
        register_look_categories({f"assessments:{n}": RecordLook.Category.ASSESSMENT for n in names})
