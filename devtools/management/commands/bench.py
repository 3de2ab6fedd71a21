import logging
import time
import warnings
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count, Q

from devtools import bench_report, bench_runner
from devtools.bench import BenchContext


class Command(BaseCommand):
    help = (
        "Benchmarks on PostgreSQL: builds (or with --reuse reuses) a seed_demo dataset in a dedicated "
        "<database>_bench database, times every app's devtools/benches module as a lead and a manager, and writes "
        "docs/performance.md and bench-results/latest.json. Missed targets are reported, not fatal."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, default=100_000, help="families in the dataset (default 100000)"
        )
        parser.add_argument("--repeat", type=int, default=30, help="timed runs per benchmark (default 30)")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="keep the bench database if it already has --scale families (+1%%)",
        )
        parser.add_argument("--only", default="", help="run only benchmarks whose app or name contains this")
        parser.add_argument("--seed", type=int, default=1, help="seed_demo's random seed")
        parser.add_argument(
            "--seed-apps",
            default="",
            help="seed_demo --apps: a subset of DEMO_APPS for the dataset (default: all)",
        )
        parser.add_argument(
            "--database", default="", help="bench database name (default: <DATABASE_URL name>_bench)"
        )
        parser.add_argument(
            "--json", default="bench-results/latest.json", help="where to write the JSON results"
        )
        parser.add_argument(
            "--markdown", default="docs/performance.md", help="where to write the table ('' to skip)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmarks need PostgreSQL: set DATABASE_URL=postgres://user@host:5432/name "
                "(the bench uses its own <name>_bench database). SQLite numbers would mean nothing at scale."
            )
        if options["repeat"] < 1 or options["scale"] < 1:
            raise CommandError("--repeat and --scale must be at least 1.")
        # Sign-ins by force_login are not news here; nor is a missing collectstatic directory.
        logging.getLogger("axes").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="No directory at")
        self._use_bench_database(options["database"])
        families = self._dataset(options["scale"], options["seed"], options["reuse"], options["seed_apps"])
        ctx = self._context(families, options["repeat"])
        self.stdout.write(
            f"Lead: {ctx.lead.username if ctx.lead else '-'}, manager: {ctx.manager.username if ctx.manager else '-'}"
        )
        only = options["only"].lower()
        # `--only families` names an app: don't build the other apps' benchmark data at all.
        labels = {config.label for config in django_apps.get_app_configs()}
        apps_only = {only} if only in labels else None
        try:
            benchmarks = bench_runner.collect_benchmarks(ctx, apps_only=apps_only)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if only:
            benchmarks = [(app, b) for app, b in benchmarks if only in app.lower() or only in b.name.lower()]
        self.stdout.write(f"{len(benchmarks)} benchmarks, {options['repeat']} runs each after warm-up")
        results = bench_runner.run_all(
            benchmarks, options["repeat"], self._log, lambda r: self._log(bench_report.describe(r))
        )
        meta = {
            "scale": options["scale"],
            "families": families,
            "repeat": options["repeat"],
            "database": connection.settings_dict["NAME"],
            "machine": bench_report.machine_info(),
            "only": only,
            "seed_apps": options["seed_apps"] or "all",
            "ratio": "page p95 / SQL floor p95",
            "peak_memory": "tracemalloc peak of one extra run",
        }
        base = Path(settings.BASE_DIR)
        json_path = base / options["json"]
        bench_report.write_json(json_path, results, meta)
        self.stdout.write(f"JSON: {json_path}")
        if options["markdown"]:
            md_path = base / options["markdown"]
            bench_report.write_markdown(md_path, bench_report.render_markdown(results, meta))
            self.stdout.write(f"Table: {md_path}")
        self._summary(results)

    def _summary(self, results: list[bench_runner.Result]) -> None:
        failed = [r for r in results if r.missed]
        not_run = [r for r in results if r.skipped]
        if failed:
            self.stdout.write(
                self.style.WARNING(f"{len(failed)} of {len(results)} benchmarks missed a target:")
            )
            for r in failed:
                self.stdout.write(
                    self.style.WARNING(f"  {r.app}: {r.name}: {r.error or '; '.join(r.failures)}")
                )
        elif len(not_run) < len(results):
            ran = len(results) - len(not_run)
            self.stdout.write(self.style.SUCCESS(f"All {ran} benchmarks run met their targets."))
        if not_run:
            self.stdout.write(self.style.WARNING(f"{len(not_run)} benchmarks not run here:"))
            for r in not_run:
                self.stdout.write(self.style.WARNING(f"  {r.app}: {r.name}: {r.skipped}"))

    def _log(self, message: str) -> None:
        style = self.style.WARNING if message.startswith(("FAIL", "ERROR")) else (lambda m: m)
        self.stdout.write(style(message))
        self.stdout.flush()

    # The dataset ---------------------------------------------------------------------------------

    def _use_bench_database(self, requested: str) -> None:
        main = connection.settings_dict["NAME"]
        name = requested or f"{main}_bench"
        if name == main:
            raise CommandError(
                "The bench rebuilds its database: it must not be the DATABASE_URL database itself."
            )
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
                self.stdout.write(f"Created database {name}")
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        self.stdout.write(f"Bench database: {name}")

    def _recreate_database(self) -> None:
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quoted}")
        connection.close()

    def _dataset(self, scale: int, seed: int, reuse: bool, seed_apps: str) -> int:
        from families.models import Family

        call_command("migrate", interactive=False, verbosity=0)
        count = Family.objects.count()
        # Some benchmarks add a family or two of their own (a big plan, a referral): still the same dataset.
        if reuse and scale <= count <= scale + max(10, scale // 100):
            self.stdout.write(f"Reusing the dataset: {count:,} families")
            return count
        if count:
            self.stdout.write(f"Rebuilding: the bench database has {count:,} families, {scale:,} wanted")
            self._recreate_database()
            call_command("migrate", interactive=False, verbosity=0)
        started = time.monotonic()
        call_command(
            "seed_demo", families=scale, seed=seed, apps=seed_apps, stdout=self.stdout, stderr=self.stderr
        )
        self.stdout.write(f"seed_demo --families {scale} took {time.monotonic() - started:.0f}s")
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # fresh statistics, as a database in service would have
        self.stdout.write(f"VACUUM ANALYZE took {time.monotonic() - started:.0f}s")
        return Family.objects.count()

    def _context(self, families: int, repeat: int) -> BenchContext:
        from families.models import Family
        from staff.models import User
        from staff.selectors import team_managers

        lead = User.objects.filter(username="lead", is_active=True).first()
        if lead is None:  # not a seed_demo dataset: the lead with the fullest caseload
            lead = (
                User.objects.filter(role=User.Role.LEAD_PRACTITIONER, is_active=True)
                .annotate(n=Count("lead_families", filter=Q(lead_families__status=Family.Status.OPEN)))
                .order_by("-n", "pk")
                .first()
            )
        manager = User.objects.filter(username="manager", is_active=True).first()
        if manager is None and lead is not None and lead.team_id is not None:
            manager = team_managers(team=lead.team_id).first()
        extras: dict[str, Any] = {}
        if lead is not None:
            extras["lead_family"] = (
                Family.objects.filter(lead_practitioner=lead, status=Family.Status.OPEN)
                .order_by("pk")
                .first()
            )
            extras["colleague"] = User.objects.filter(username="colleague").first()
        return BenchContext(scale=families, repeat=repeat, lead=lead, manager=manager, extras=extras)
