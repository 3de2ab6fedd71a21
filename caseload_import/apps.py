from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseloadImportConfig(AppConfig):
    name = "caseload_import"
    verbose_name = _("Caseload import")
