from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Benchmarks (`manage.py bench`) and the real Celery worker of the integration tests.

    Installed only outside production (config/settings/base.py): nothing here is on the path of a
    request in service, and no other app imports it.
    """

    name = "devtools"
    verbose_name = "Developer tools"
