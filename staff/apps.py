from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts, roles, teams and two-step verification."""

    name = "staff"
    verbose_name = _("Staff and teams")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from staff.sessions import session_clock_start

        user_logged_in.connect(session_clock_start, dispatch_uid="staff.sessions.session_clock_start")
