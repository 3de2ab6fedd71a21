from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from families.registry import FamilyTab, register_family_tab

        register_family_tab(FamilyTab("referrals", _("Referrals"), "agencies:family_referrals", order=50))

        from core.navigation import NavItem, register

        register(
            NavItem(
                _("Referrals"),
                "agencies:portal_inbox",
                lambda u: u.is_agency_worker,
                prefix="/agencies/portal/",
                order=20,
            )
        )

        from families.models import RecordLook
        from families.registry import register_look_categories

        c = RecordLook.Category
        register_look_categories(
            {
                **{
                    f"agencies:{name}": c.REFERRAL
                    for name in (
                        "family_referrals",
                        "referral_new",
                        "referral_detail",
                        "referral_close",
                        "consent_new",
                        "consent_grid",
                        "consent_withdraw",
                        "family_agency_new",
                    )
                },
                "agencies:answer": c.EMAIL_LINK,
                "agencies:answer_code": c.EMAIL_LINK,
                "agencies:answer_shared": c.EMAIL_LINK,
                "agencies:portal_response": c.AGENCY_PORTAL,
                "agencies:portal_family": c.AGENCY_PORTAL,
                "agencies:portal_actions": c.AGENCY_PORTAL,
                "agencies:portal_action_update": c.AGENCY_PORTAL,
            }
        )
