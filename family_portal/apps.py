from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyPortalConfig(AppConfig):
    """The family's own door (issue 11): family members sign in with a one-time code under /my/, see
    what is shared with them in English or Welsh, take part in their plan, and are kept informed."""

    name = "family_portal"
    verbose_name = _("The family's own pages")

    def ready(self) -> None:
        from families.models import RecordLook
        from families.registry import (
            FamilyTab,
            register_chronology_source,
            register_family_tab,
            register_look_categories,
        )
        from family_portal import receivers  # noqa: F401  (connects the family-news receivers)
        from family_portal.chronology import family_messages_for_chronology

        register_chronology_source(family_messages_for_chronology)

        from core.navigation import NavItem, register

        register(
            NavItem(
                _("Letters to post"),
                "family_letters:list",
                lambda u: u.is_casework_staff,
                prefix="/family-letters/",
                order=45,
            )
        )

        register_family_tab(
            FamilyTab("family_pages", _("Family's own pages"), "family_access:family", order=80)
        )
        register_look_categories(
            {
                f"family_access:{name}": RecordLook.Category.OVERVIEW
                for name in ("family", "invite", "withdraw")
            }
            | {
                f"family_sharing:{name}": RecordLook.Category.OVERVIEW
                for name in ("restrictions", "restriction_add", "restriction_remove")
            }
            | {"family_messages:document": RecordLook.Category.CHRONOLOGY}
        )
