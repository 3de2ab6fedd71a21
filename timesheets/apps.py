from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimesheetsConfig(AppConfig):
    """Where workers spend their time: time records, categories, the timer and observed form time."""

    name = "timesheets"
    verbose_name = _("Time records")

    def ready(self) -> None:
        from core.navigation import NavItem, register

        register(NavItem(_("My week"), "time:week", lambda u: u.is_casework_staff, prefix="/time/", order=50))

        from families.models import RecordLook
        from families.registry import register_look_categories

        # The family page's quick note with time (timesheets.views.note_add) is part of its chronology.
        register_look_categories({"time:note_add": RecordLook.Category.CHRONOLOGY})
