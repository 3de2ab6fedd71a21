from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The shared service directory (Open Referral UK), public and read-only."""

    name = "directory"
    verbose_name = _("Service directory")
