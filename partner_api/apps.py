from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partner_api"
    verbose_name = _("Partner API")

    def ready(self) -> None:
        from core.navigation import NavItem, register
        from partner_api.permissions import is_agency_manager

        # The agency's manager finds the keys beside the portal's referrals (longest path claim wins).
        register(
            NavItem(
                _("API keys"),
                "partner_api_keys:list",
                is_agency_manager,
                prefix="/agencies/portal/api-keys/",
                order=21,
            )
        )
