from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    """The family's voice (issue 12): complaints on statutory working-day clocks, kept apart from the
    casework; suggestions that get an answer; anonymous surveys; and "you said, we did"."""

    name = "voice"
    verbose_name = _("The family's voice")

    def ready(self) -> None:
        from core.navigation import NavItem, register
        from voice import receivers  # noqa: F401  (survey invitations after a review and at closure)
        from voice.survey_access import may_run_surveys

        register(
            NavItem(
                _("Complaints"),
                "complaints:list",
                lambda u: u.is_complaints_manager,
                prefix="/complaints/",
                order=76,
            ),
            NavItem(
                _("Suggestions"),
                "suggestions:list",
                lambda u: u.is_complaints_manager,
                prefix="/suggestions/",
                order=77,
            ),
            NavItem(_("Surveys"), "surveys:list", may_run_surveys, prefix="/surveys/", order=78),
            NavItem(
                _("You said, we did"),
                "changes:list",
                lambda u: u.is_active and (u.is_complaints_manager or u.is_team_manager),
                prefix="/you-said-we-did/",
                order=79,
            ),
            NavItem(
                _("Annual report"),
                "complaints_report:report",
                lambda u: u.is_complaints_manager,
                prefix="/complaints-report/",
                order=80,
            ),
        )
