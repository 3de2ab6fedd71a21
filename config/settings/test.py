"""Settings for the test suite: the base settings with fast hashing and in-memory email."""

from .base import *  # noqa: F403
from .base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default="/tmp/power-of-one-mail")  # noqa: S108
# Lockout is tested on its own (tests/staff/test_login.py switches it on).
AXES_ENABLED = False
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test's database work ends with its transaction; a connection kept open past a test would hold the
# throwaway test database open against its drop. Production's persistent connections are base.py's.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)  # noqa: F405
# The directory API's per-address limit is tested on its own (tests/directory/test_api_public.py).
DIRECTORY_API_RATE_LIMIT = "1000000/m"
# PDFs render in the test process (fast); tests/core/test_pdf_processes.py runs the child-process path.
PDF_RENDER_PROCESSES = env.int("PDF_RENDER_PROCESSES", default=0)
