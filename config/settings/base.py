"""Settings for every environment, read from the environment with safe embedded defaults.

With nothing set, the site runs on an embedded SQLite database, Celery runs tasks eagerly in the web
process and email goes to the console: that is `make demo`. Production differs by environment
variables only (DJANGO_ENV=production, DJANGO_SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL, ...); see
README.md, "Configuration".
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DJANGO_ENV = env("DJANGO_ENV", default="local")
IS_PRODUCTION = DJANGO_ENV == "production"

if IS_PRODUCTION:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
else:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY",
        default="local-only-insecure-key-do-not-use-in-production-0123456789abcdefghij",
    )
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "guardian",
    "simple_history",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Power of One
    "core",
    "partners",
    "staff",
    "families",
    "assessments",
    "plans",
    "agencies",
    "pots",
    "timesheets",
    "directory",
    "reports",
    "family_portal",
    "caseload_import",
    "partner_api",
    "voice",
]
if not IS_PRODUCTION:
    # Benchmarks (`make bench`) and the integration tests' real worker: never on a server in service.
    INSTALLED_APPS += ["devtools"]

MIDDLEWARE = [
    # First: every log line of the request, and of the tasks it queues, carries its id (core/request_id.py).
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so static files keep their caching; everything Django answers is no-store.
    "core.middleware.NoStoreMiddleware",
    # A PDF slower than PDF_RENDER_TIMEOUT_SECONDS answers "try again" (503), not a 500 (core/pdf.py).
    "core.middleware.PdfTooSlowMiddleware",
    # /api/directory/ only: CORS, JSON errors, 405 for writes (before CSRF), ETags, gzip, a rate limit.
    "directory.api_middleware.DirectoryApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs a user out after SESSION_IDLE_TIMEOUT_MINUTES idle or SESSION_ABSOLUTE_TIMEOUT_HOURS in all.
    "staff.sessions.SessionTimeoutMiddleware",
    # A family member reaches only /my/; staff never reach /my/ (family_portal/middleware.py, issue 11).
    "family_portal.middleware.FamilyFenceMiddleware",
    # Every /my/ page speaks the member's chosen language, English or Welsh (family_portal/language.py).
    "family_portal.language.FamilyLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # With STAFF_REQUIRE_TWO_FACTOR on, signed-in users verify a second factor before any other page.
    "staff.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Writes the read log: one row per family a 2xx page showed (families/access_log.py, issue 10).
    "families.access_log.ReadLogMiddleware",
    # Times how long casework staff spend on the system's forms, from opening to saving (issue 6).
    "timesheets.observed_time.ObservedFormTimeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The admin's templates with the project's accessibility fixes: before django.contrib.admin's own.
        "DIRS": [BASE_DIR / "core" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.service",
                "staff.sessions.session_expiry",
            ],
        },
    }
]
# Every form renders with GOV.UK Design System markup (core/templates/django/forms/).
FORM_RENDERER = "core.forms.GovukFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections wherever the database is PostgreSQL (opening one costs 5-9 ms of a page), checked
# before reuse so a restarted database costs one retry, not an error; SQLite opens a file, so it keeps none.
_IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60 if _IS_POSTGRES else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web process and an eager task read while another request writes. SQLite has no
    # row locks (select_for_update is a no-op), so every transaction takes the write lock when it begins
    # (BEGIN IMMEDIATE): two pot requests at once queue up (waiting up to `timeout` seconds) instead of
    # one failing with "database is locked" when it tries to upgrade a read into a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "staff.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-guardian: no anonymous user row; object permissions live in direct foreign-key tables.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# django-axes: lock a username + address pair after repeated failures, never a username everywhere
# (docs/decisions/006-sign-in-lockout.md). Behind a reverse proxy, set TRUSTED_PROXY_COUNT to the number
# of proxies in front of the site: the client's address is then read from TRUSTED_PROXY_HEADER, that many
# entries from the right (the part the proxies wrote), not from the part a client can write.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", default="HTTP_X_FORWARDED_FOR")
AXES_CLIENT_IP_CALLABLE = "staff.sign_in.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Sign-in codes (second step) are never written to the log of failed attempts.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# A locked user can unlock their account through a link emailed to them; it works for this long.
STAFF_UNLOCK_LINK_MAX_AGE_MINUTES = env.int("STAFF_UNLOCK_LINK_MAX_AGE_MINUTES", default=60)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_MINUTES", default=60) * 60

# Two-step verification (django-otp): an authenticator app (TOTP) plus one-time backup codes. Required
# of every signed-in user when on; on by default in production only.
STAFF_REQUIRE_TWO_FACTOR = env.bool("STAFF_REQUIRE_TWO_FACTOR", default=IS_PRODUCTION)
OTP_TOTP_ISSUER = "Power of One"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Which UK nation's bank holidays count when working days are counted.
WORKING_DAYS_SUBDIVISION = env("WORKING_DAYS_SUBDIVISION", default="ENG")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Power of One <no-reply@power-of-one.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Celery: eager without a broker, so the demo and the unit tests need no services.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Three queues, `alerts`, `pdf` and `default`, each task routed by config/queues.py; one beat.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="default")
CELERY_TASK_ROUTES = ("config.queues.route",)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # workers log through LOGGING below, with each task's request id
READYZ_TIMEOUT_SECONDS = env.float("READYZ_TIMEOUT_SECONDS", default=2.0)  # /readyz's wait for the broker
# Each app adds its periodic jobs here (one place to read what runs when).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}

# Content Security Policy: our own assets only; the one inline script carries a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions live in staff.UserSession (the user's id in its own column, so deactivating a user ends their
# sessions at once). They end after SESSION_IDLE_TIMEOUT_MINUTES without a request and, whatever the
# user does, SESSION_ABSOLUTE_TIMEOUT_HOURS after signing in (the working day); pages warn
# SESSION_WARNING_MINUTES before that end (staff/sessions.py).
SESSION_ENGINE = "staff.sessions"
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_ABSOLUTE_TIMEOUT_HOURS = env.float("SESSION_ABSOLUTE_TIMEOUT_HOURS", default=10)
SESSION_WARNING_MINUTES = env.int("SESSION_WARNING_MINUTES", default=15)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT_HOURS * 60 * 60)
if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # a load balancer's probes inside the network
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# LOG_FORMAT=json writes one JSON object per line (for a log collector); plain is for reading by eye. Both
# name the request each line belongs to (core/request_id.py), in the web process and in Celery's workers,
# which keep this configuration instead of installing their own (CELERY_WORKER_HIJACK_ROOT_LOGGER).
LOG_FORMAT = env("LOG_FORMAT", default="plain")
LOG_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": LOG_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step at INFO; only their problems are worth reading.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# One submit is one write (core/submissions.py, ADR 005): a form posted again within this many days of its
# first post writes nothing; older tokens are forgotten each night.
SUBMISSION_TOKEN_RETENTION_DAYS = env.int("SUBMISSION_TOKEN_RETENTION_DAYS", default=30)
# The family's voice (issue 12): complaint deadlines' reminders and escalation each morning, and
# survey links past their date forgotten each night.
CELERY_BEAT_SCHEDULE["voice-check-deadlines"] = {
    "task": "voice.tasks.check_deadlines",
    "schedule": crontab(hour=7, minute=15),
}
CELERY_BEAT_SCHEDULE["voice-prune-survey-invitations"] = {
    "task": "voice.tasks.prune_survey_invitations",
    "schedule": crontab(hour=3, minute=40),
}
CELERY_BEAT_SCHEDULE["core-submission-tokens-prune"] = {
    "task": "core.tasks.submission_tokens_prune_task",
    "schedule": crontab(hour=3, minute=15),
}

# Practical-help pots (pots app): defaults, configurable per deployment.
# Largest receipt a worker may upload, in bytes (PDF, PNG or JPG).
POTS_RECEIPT_MAX_BYTES = env.int("POTS_RECEIPT_MAX_BYTES", default=5 * 1024 * 1024)
# Defaults offered when a manager opens a new pot.
POTS_DEFAULT_AUTO_APPROVAL_LIMIT = env("POTS_DEFAULT_AUTO_APPROVAL_LIMIT", default="150.00")
POTS_DEFAULT_FAMILY_CAP = env("POTS_DEFAULT_FAMILY_CAP", default="1000.00")

# The read log (families/access_log.py): who looked at which family record, kept this many days, then
# deleted by the daily `families.tasks.read_log_purge` (or `manage.py read_log_purge`).
READ_LOG_RETENTION_DAYS = env.int("READ_LOG_RETENTION_DAYS", default=6 * 366)
# The managers' report of unusual access lists a worker who opened more families they do not lead than
# this in one day.
READ_LOG_UNUSUAL_FAMILIES_PER_DAY = env.int("READ_LOG_UNUSUAL_FAMILIES_PER_DAY", default=10)
READ_LOG_PAGE_SIZE = 50
CELERY_BEAT_SCHEDULE["families-read-log-purge"] = {
    "task": "families.tasks.read_log_purge",
    "schedule": crontab(hour=2, minute=30),
}

# Early-help timescales (DOMAIN.md): defaults, configurable per deployment.
CASEWORK_PAGE_SIZE = 25

# Assessments and plans (issue 3): early-help timescales and the assessment scale, all configurable.
ASSESSMENT_SCALE_MIN = env.int("ASSESSMENT_SCALE_MIN", default=1)
ASSESSMENT_SCALE_MAX = env.int("ASSESSMENT_SCALE_MAX", default=10)
PLAN_FIRST_REVIEW_WEEKS = env.int("PLAN_FIRST_REVIEW_WEEKS", default=6)  # first review within 6 weeks
PLAN_REVIEW_MAX_MONTHS = env.int("PLAN_REVIEW_MAX_MONTHS", default=3)  # later reviews at most 3 months apart
# Lead workers are reminded of reviews due within this many working days.
PLAN_REMINDER_WORKING_DAYS = env.int("PLAN_REMINDER_WORKING_DAYS", default=5)
# Plans with more goals + actions than this render their PDF in a Celery task (see plans/bench.py).
PLAN_PDF_INLINE_MAX_ITEMS = env.int("PLAN_PDF_INLINE_MAX_ITEMS", default=60)
CELERY_BEAT_SCHEDULE["plans-morning-reminders"] = {
    "task": "plans.tasks.send_morning_reminders",
    "schedule": crontab(hour=7, minute=0),
}
# Family members with their own pages are told this many days before their plan review (issue 11).
PLAN_FAMILY_REVIEW_NOTICE_DAYS = env.int("PLAN_FAMILY_REVIEW_NOTICE_DAYS", default=7)
CELERY_BEAT_SCHEDULE["plans-family-review-due"] = {
    "task": "plans.tasks.send_family_review_due",
    "schedule": crontab(hour=8, minute=0),
}

# Time recording and the manager's dashboard (issue 6).
# Observed form time: a form opened longer ago than MAX_AGE (left open overnight) counts for nothing;
# a saved form counts for at most CAP seconds, so one forgotten tab cannot swamp a week's figures.
TIME_OBSERVED_FORM_MAX_AGE_SECONDS = env.int("TIME_OBSERVED_FORM_MAX_AGE_SECONDS", default=12 * 60 * 60)
TIME_OBSERVED_FORM_CAP_SECONDS = env.int("TIME_OBSERVED_FORM_CAP_SECONDS", default=60 * 60)
# The dashboard counts a plan review as "due" when it falls within this many days from today.
REPORTS_REVIEW_DUE_SOON_DAYS = env.int("REPORTS_REVIEW_DUE_SOON_DAYS", default=14)
# The weekly digest to each team manager: Monday 07:00 Europe/London (CELERY_TIMEZONE), once per week.
CELERY_BEAT_SCHEDULE["reports-weekly-digest"] = {
    "task": "reports.tasks.send_weekly_digests",
    "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
}

# Agencies and the one-email referral (issue 4): service levels, links and the outbox, all configurable.
# Acknowledgement is expected within this many working days of a referral (bank holidays excluded) ...
AGENCIES_ACK_WORKING_DAYS = env.int("AGENCIES_ACK_WORKING_DAYS", default=1)
# ... and, still unacknowledged this many working days after that, it goes to the managers.
AGENCIES_ESCALATE_AFTER_WORKING_DAYS = env.int("AGENCIES_ESCALATE_AFTER_WORKING_DAYS", default=1)
AGENCIES_LINK_MAX_AGE_DAYS = env.int("AGENCIES_LINK_MAX_AGE_DAYS", default=30)  # answer links in emails
AGENCIES_CODE_LIFETIME_MINUTES = env.int("AGENCIES_CODE_LIFETIME_MINUTES", default=15)  # one-time codes
AGENCIES_CODE_MAX_ATTEMPTS = env.int("AGENCIES_CODE_MAX_ATTEMPTS", default=5)
# How long an outbox row stays claimed by a worker that may have died (then another worker sends it).
AGENCIES_OUTBOX_LEASE_SECONDS = env.int("AGENCIES_OUTBOX_LEASE_SECONDS", default=60)
AGENCIES_OUTBOX_MAX_ATTEMPTS = env.int("AGENCIES_OUTBOX_MAX_ATTEMPTS", default=15)
CELERY_BEAT_SCHEDULE["agencies-outbox-relay"] = {
    "task": "agencies.tasks.relay_outbox",
    "schedule": 60.0,  # re-enqueues emails whose task was lost (broker down, worker killed)
}
CELERY_BEAT_SCHEDULE["agencies-referral-service-levels"] = {
    "task": "agencies.tasks.check_service_levels",
    "schedule": crontab(minute="*/15"),
}

# The family's own pages (family_portal, issue 11).
FAMILY_MEMBER_MIN_AGE = env.int("FAMILY_MEMBER_MIN_AGE", default=13)  # youngest member who may be invited
FAMILY_CODE_LIFETIME_MINUTES = env.int("FAMILY_CODE_LIFETIME_MINUTES", default=10)  # one-time sign-in codes
FAMILY_CODE_MAX_ATTEMPTS = env.int("FAMILY_CODE_MAX_ATTEMPTS", default=5)  # wrong tries per code, per hour
FAMILY_SESSION_IDLE_MINUTES = env.int("FAMILY_SESSION_IDLE_MINUTES", default=15)
FAMILY_SESSION_ABSOLUTE_MINUTES = env.int("FAMILY_SESSION_ABSOLUTE_MINUTES", default=120)
# How each channel reaches a member: dotted paths of family_portal.backends classes.
FAMILY_NOTIFY_BACKENDS = {
    "email": env.str("FAMILY_EMAIL_BACKEND", default="family_portal.backends.EmailBackend"),
    "text": env.str("FAMILY_TEXT_BACKEND", default="family_portal.backends.ConsoleTextBackend"),
    "letter": env.str("FAMILY_LETTER_BACKEND", default="family_portal.backends.LetterBackend"),
}
# A photo or document a family member sends their worker: the pot's receipt types, checked by content.
FAMILY_DOCUMENT_MAX_BYTES = env.int("FAMILY_DOCUMENT_MAX_BYTES", default=5 * 1024 * 1024)
# What the family is told after they send something: their worker replies within this many working days.
FAMILY_REPLY_WORKING_DAYS = env.int("FAMILY_REPLY_WORKING_DAYS", default=2)

# The family's voice (issue 12): complaints on working-day clocks (Children Act 1989 representations
# procedure and the Ombudsman's complaint handling code), suggestions and surveys.
VOICE_ACKNOWLEDGE_WORKING_DAYS = env.int("VOICE_ACKNOWLEDGE_WORKING_DAYS", default=5)
VOICE_STAGE_1_WORKING_DAYS = env.int("VOICE_STAGE_1_WORKING_DAYS", default=10)
VOICE_STAGE_1_MAX_WORKING_DAYS = env.int("VOICE_STAGE_1_MAX_WORKING_DAYS", default=20)
VOICE_STAGE_2_WORKING_DAYS = env.int("VOICE_STAGE_2_WORKING_DAYS", default=25)
VOICE_STAGE_2_MAX_WORKING_DAYS = env.int("VOICE_STAGE_2_MAX_WORKING_DAYS", default=65)
VOICE_PANEL_WORKING_DAYS = env.int("VOICE_PANEL_WORKING_DAYS", default=30)  # panel held after the request
VOICE_PANEL_REPORT_WORKING_DAYS = env.int("VOICE_PANEL_REPORT_WORKING_DAYS", default=5)  # after the panel
# The final response is due 15 working days after the panel's report.
VOICE_FINAL_RESPONSE_WORKING_DAYS = env.int("VOICE_FINAL_RESPONSE_WORKING_DAYS", default=15)
VOICE_REMINDER_WORKING_DAYS = env.int("VOICE_REMINDER_WORKING_DAYS", default=2)  # reminder before a deadline
VOICE_SUGGESTION_ACK_WORKING_DAYS = env.int("VOICE_SUGGESTION_ACK_WORKING_DAYS", default=5)
VOICE_SMALL_NUMBER = env.int("VOICE_SMALL_NUMBER", default=5)  # below this, results show "fewer than 5"
VOICE_PUBLIC_FORM_LIMIT = env.str("VOICE_PUBLIC_FORM_LIMIT", default="5/h")  # posts per address
VOICE_SURVEY_LINK_DAYS = env.int("VOICE_SURVEY_LINK_DAYS", default=28)
# What a complainant is told after stage 1: the Ombudsman, mediation and legal redress, and time limits.
VOICE_REDRESS_TEXT = env.str(
    "VOICE_REDRESS_TEXT",
    default=(
        "If you are not happy with our answer you can ask for stage 2. You can also go to the Local "
        "Government and Social Care Ombudsman (www.lgo.org.uk, 0300 061 0614), usually within 12 months "
        "of the problem. Mediation is free: ask us and we will arrange it. You may also have a legal "
        "remedy, and time limits apply to court claims (for example 6 months for discrimination claims "
        "under the Equality Act 2010). Using our procedure does not stop you using any of these."
    ),
)
VOICE_REDRESS_TEXT_CY = env.str(
    "VOICE_REDRESS_TEXT_CY",
    default=(
        "Os nad ydych yn hapus gyda'n hateb gallwch ofyn am gam 2. Gallwch hefyd fynd at Ombwdsmon "
        "Gwasanaethau Cyhoeddus Cymru neu'r Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol "
        "(www.lgo.org.uk, 0300 061 0614), fel arfer o fewn 12 mis i'r broblem. Mae cyfryngu am ddim: "
        "gofynnwch i ni a byddwn yn ei drefnu. Efallai y bydd gennych hawl gyfreithiol hefyd, ac mae "
        "terfynau amser ar hawliadau llys (er enghraifft 6 mis ar gyfer hawliadau gwahaniaethu o dan "
        "Ddeddf Cydraddoldeb 2010). Nid yw defnyddio ein trefn yn eich atal rhag defnyddio unrhyw un o'r rhain."
    ),
)

# How else to complain, shown on /have-your-say/ when set (a phone line and a postal address).
VOICE_COMPLAINTS_PHONE = env.str("VOICE_COMPLAINTS_PHONE", default="")
VOICE_COMPLAINTS_ADDRESS = env.str("VOICE_COMPLAINTS_ADDRESS", default="")

# What referrals teach (reports/referral_outcomes.py): on the staff directory pages, how each partner
# agency answered the referrals of the last N months; below the minimum, "too few referrals to say".
REPORTS_REFERRAL_OUTCOMES_MONTHS = env.int("REPORTS_REFERRAL_OUTCOMES_MONTHS", default=12)
REPORTS_REFERRAL_OUTCOMES_MIN = env.int("REPORTS_REFERRAL_OUTCOMES_MIN", default=5)

# The service directory's settings (config/settings/directory.py) and GOV.UK Notify's (core/notify.py,
# issue 15: off until NOTIFY_API_KEY is set; config/settings/notify.py), with their periodic jobs.
from config.settings.directory import *  # noqa: E402, F403
from config.settings.directory import DIRECTORY_BEAT_SCHEDULE  # noqa: E402
from config.settings.notify import *  # noqa: E402, F403
from config.settings.notify import NOTIFY_BEAT_SCHEDULE  # noqa: E402

CELERY_BEAT_SCHEDULE.update(DIRECTORY_BEAT_SCHEDULE | NOTIFY_BEAT_SCHEDULE)

# Production shape and the legacy caseload import (issue 16): in config/settings/operations.py.
from config.settings.operations import *  # noqa: E402, F403

# The partner agencies' REST API (partner_api/, issue 15): PARTNER_API_RATE and DRF's settings, in
# config/settings/rest.py.
from config.settings.rest import *  # noqa: E402, F403
