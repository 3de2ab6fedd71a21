"""The Celery application.

Without CELERY_BROKER_URL, tasks run eagerly in the web process (demo and tests); with it, they go to
real workers (`make worker`). Tasks take ids, never model instances, and call a service.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("power_of_one")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
