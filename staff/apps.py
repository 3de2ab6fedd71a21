from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts, roles, teams and two-step verification."""

    name = "staff"
    verbose_name = _("Staff and teams")
