import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_the_deployment_checklist():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "x7#kq9!vW2@pL4$zR8^mN6&bT3*yH5(jF1)gD0_sA-eC+uX=oI~",
        "DJANGO_ALLOWED_HOSTS": "casework.example.gov.uk",
        "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    }
    # Other tests (the browser tests) may have relaxed Django's async safety for this process.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "DJANGO_ENV": "production"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_does_not_install_the_bench_and_worker_tooling():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "x7#kq9!vW2@pL4$zR8^mN6&bT3*yH5(jF1)gD0_sA-eC+uX=oI~",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.INSTALLED_APPS)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "'core'" in result.stdout
    assert "devtools" not in result.stdout
