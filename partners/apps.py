from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner agencies, their referral inboxes and their staff group: the organisations casework draws in."""

    name = "partners"
    verbose_name = _("Partner agencies")
