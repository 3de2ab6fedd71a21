"""Production shape and the legacy caseload import (issue 16), read from the environment; base.py imports
them.

PDFs render in a small pool of child processes (core/pdf.py), each replaced after
PDF_RENDER_TASKS_PER_CHILD documents so WeasyPrint's native memory goes back to the system; 0 processes
renders in the calling process. A PDF slower than the timeout stops and shows "try again".
Error reporting to Sentry happens only when SENTRY_DSN is set; no request contents, cookies or personal
data are sent (core/error_reporting.py). A traces sample rate above 0 also sends timings of that share.
"""

import environ

_env = environ.Env()

PDF_RENDER_PROCESSES = _env.int("PDF_RENDER_PROCESSES", default=1)
PDF_RENDER_TASKS_PER_CHILD = _env.int("PDF_RENDER_TASKS_PER_CHILD", default=25)
PDF_RENDER_TIMEOUT_SECONDS = _env.float("PDF_RENDER_TIMEOUT_SECONDS", default=30.0)  # below GUNICORN_TIMEOUT
SENTRY_DSN = _env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from core.error_reporting import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=_env.str("SENTRY_ENVIRONMENT", default=_env.str("DJANGO_ENV", default="local")),
        traces_sample_rate=_env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# Importing a legacy caseload from CSV or Excel (caseload_import/): the largest file accepted.
CASELOAD_IMPORT_MAX_BYTES = _env.int("CASELOAD_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
# An import that has written nothing for this long is offered to be carried on by hand (its worker died
# and the broker has not handed the job to another).
CASELOAD_IMPORT_STALLED_MINUTES = _env.int("CASELOAD_IMPORT_STALLED_MINUTES", default=10)
