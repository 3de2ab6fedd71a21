from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The shared service directory (Open Referral UK), public and read-only."""

    name = "directory"
    verbose_name = _("Service directory")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from core.navigation import NavItem, register
        from directory import search
        from directory.models import Service
        from directory.permissions import can_manage_directory

        post_save.connect(search.vector_for_new_service, sender=Service, dispatch_uid="directory-vector")

        register(
            NavItem(_("Services"), "directory:manage", can_manage_directory, prefix="/directory/", order=70)
        )
