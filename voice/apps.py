from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    """The family's voice (issue 12): complaints on statutory working-day clocks, kept apart from the
    casework; suggestions that get an answer; anonymous surveys; and "you said, we did"."""

    name = "voice"
    verbose_name = _("The family's voice")
