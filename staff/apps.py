from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts, roles and teams (and, later, where workers spend their time)."""

    name = "staff"
    verbose_name = _("Staff and teams")
