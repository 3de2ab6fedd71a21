from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from families.models import RecordLook
        from families.registry import (
            CaseloadColumn,
            FamilyTab,
            register_caseload_column,
            register_family_tab,
            register_look_categories,
        )
        from plans.selectors import with_next_review, with_overdue_actions

        register_family_tab(FamilyTab("plan", _("Plan"), "plans:detail", order=30))
        pages = "detail start edit goal_add goal_edit action_add action_edit review_add agree changes"
        categories: dict[str, str] = {f"plans:{name}": RecordLook.Category.PLAN for name in pages.split()}
        # The PDF page (and its status while a worker renders it) and the download are the PDF.
        for name in ("pdf", "document", "document_download"):
            categories[f"plans:{name}"] = RecordLook.Category.PDF
        register_look_categories(categories)
        register_caseload_column(
            CaseloadColumn(
                key="next_review",
                header=_("Next review"),
                annotate=with_next_review,
                fields=("next_review_on", "review_overdue"),
                cell_template="plans/includes/caseload_next_review.html",
                order=10,
            )
        )
        register_caseload_column(
            CaseloadColumn(
                key="overdue_actions",
                header=_("Overdue actions"),
                annotate=with_overdue_actions,
                fields=("overdue_actions",),
                cell_template="plans/includes/caseload_overdue_actions.html",
                order=20,
            )
        )
