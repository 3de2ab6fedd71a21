from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Families")

    def ready(self) -> None:
        from families.access_log import register_sqlite_gate
        from families.models import RecordLook
        from families.registry import FamilyTab, register_family_tab, register_look_categories

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
                # A family's tabs live in the apps that own them: they are still "Families".
                also=(
                    "/assessments/",
                    "/plans/",
                    "/agencies/families/",
                    "/pots/family/",
                    "/time/families/",
                    "/family-access/",
                    "/family-sharing/",
                    "/from-the-family/",
                ),
            )
        )
        c = RecordLook.Category
        register_look_categories(
            {
                "families:detail": c.OVERVIEW,
                "families:edit": c.OVERVIEW,
                "families:person_add": c.OVERVIEW,
                "families:person_edit": c.OVERVIEW,
                "families:hand_over": c.OVERVIEW,
                "families:close": c.OVERVIEW,
                "families:reopen": c.OVERVIEW,
                "families:move_team": c.OVERVIEW,
                "families:chronology": c.CHRONOLOGY,
                "families:note_add": c.CHRONOLOGY,
                "families:step": c.CHRONOLOGY,
                "families:history": c.HISTORY,
                "families:looks": c.HISTORY,
            }
        )
        connection_created.connect(register_sqlite_gate, dispatch_uid="families_read_log_gate")
