from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The shared service directory (Open Referral UK), public and read-only."""

    name = "directory"
    verbose_name = _("Service directory")

    def ready(self) -> None:
        from core.navigation import NavItem, register
        from directory.permissions import can_manage_directory

        register(
            NavItem(_("Services"), "directory:manage", can_manage_directory, prefix="/directory/", order=70)
        )
