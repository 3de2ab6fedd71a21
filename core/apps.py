from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cross-cutting pieces with no domain of their own: the GOV.UK page and form templates, the UK
    working-day calendar, money and date formatting, and the field-history differ."""

    name = "core"
    verbose_name = _("Core")
