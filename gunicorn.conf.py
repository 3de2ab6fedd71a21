"""gunicorn's settings for production (README: "Running on PostgreSQL with real Celery workers").

`gunicorn -c gunicorn.conf.py config.wsgi`; each setting can be changed by its environment variable.
Workers are recycled after `max_requests` (with jitter, so they do not all restart at once): WeasyPrint's
native libraries keep a little memory after every PDF, and a recycled worker gives it all back."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 500))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 50))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # a plan PDF of a large family takes a few seconds
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Behind a load balancer that terminates TLS: trust its X-Forwarded-* headers (set to its address).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
