"""The service directory's settings (directory app, issue 14), read from the environment; base.py imports
them and adds DIRECTORY_BEAT_SCHEDULE to CELERY_BEAT_SCHEDULE."""

from typing import Any

import environ
from celery.schedules import crontab

_env = environ.Env()
DIRECTORY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {}

# Service directory (directory app): Open Referral UK API and review of entries.
# An entry not reviewed for this many months is flagged as stale and its owner is emailed once a week.
DIRECTORY_STALE_AFTER_MONTHS = _env.int("DIRECTORY_STALE_AFTER_MONTHS", default=6)
DIRECTORY_API_DEFAULT_PER_PAGE = 50
DIRECTORY_API_MAX_PER_PAGE = _env.int("DIRECTORY_API_MAX_PER_PAGE", default=100)
# Seconds a browser or shared cache may keep an answer of the directory API (Cache-Control: public).
DIRECTORY_API_MAX_AGE = _env.int("DIRECTORY_API_MAX_AGE", default=300)
# Requests one client address may make to the directory API per second/minute/hour/day ("300/m").
DIRECTORY_API_RATE_LIMIT = _env.str("DIRECTORY_API_RATE_LIMIT", default="300/m")
DIRECTORY_PUBLIC_PAGE_SIZE = 20
DIRECTORY_BEAT_SCHEDULE["directory-stale-entries"] = {
    "task": "directory.tasks.stale_entries_remind",
    "schedule": crontab(day_of_week="mon", hour=7, minute=30),
}

# Directory search by distance and need (directory/search.py, directory/postcodes.py).
# Where a postcode is: a class with lookup(postcode) -> (latitude, longitude) | None; the default reads the
# table that `manage.py import_postcodes` fills.
DIRECTORY_POSTCODE_BACKEND = _env.str(
    "DIRECTORY_POSTCODE_BACKEND", default="directory.postcodes.DatabaseBackend"
)
# How far the public search looks from a postcode unless the person chooses (miles).
DIRECTORY_SEARCH_RADIUS_MILES = _env.int("DIRECTORY_SEARCH_RADIUS_MILES", default=5)

# Importing other directories' Open Referral UK 3.0 feeds (`manage.py directory_import URL`, and each night
# every active feed configured in the admin; directory/feed_import.py). A page that takes longer than the
# timeout, is larger than the limit or redirects more than this many times fails the whole run, unwritten.
DIRECTORY_IMPORT_TIMEOUT_SECONDS = _env.float("DIRECTORY_IMPORT_TIMEOUT_SECONDS", default=30.0)
DIRECTORY_IMPORT_MAX_PAGE_BYTES = _env.int("DIRECTORY_IMPORT_MAX_PAGE_BYTES", default=5 * 1024 * 1024)
DIRECTORY_IMPORT_MAX_REDIRECTS = _env.int("DIRECTORY_IMPORT_MAX_REDIRECTS", default=5)
DIRECTORY_IMPORT_PER_PAGE = _env.int("DIRECTORY_IMPORT_PER_PAGE", default=100)  # asked for; the feed decides
DIRECTORY_IMPORT_MAX_PAGES = _env.int("DIRECTORY_IMPORT_MAX_PAGES", default=1000)
DIRECTORY_BEAT_SCHEDULE["directory-feeds-import"] = {
    "task": "directory.tasks.feeds_import",
    "schedule": crontab(hour=4, minute=30),
}
