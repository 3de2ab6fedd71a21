from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares and no app owns: the GOV.UK page and form templates (and the one form-page
    view helper), the UK working-day calendar, money, the field-history differ, PDFs that fetch only our
    static files, CSV downloads with formulas neutralised, postcodes, the edit-conflict exception, the
    templated email and the navigation registry. core imports no app of the project."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks

        from core import notify

        checks.register(notify.settings_check)

        # Connects the Celery signals that carry a request's id into the tasks it queues.
        from core import request_id  # noqa: F401
