from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partner_api"
    verbose_name = _("Partner API")
