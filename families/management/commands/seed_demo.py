import importlib
import inspect
import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core import demo as core_demo
from core.calendar import today
from families import signals
from families.demo import demo_allowed
from families.models import Family


class Command(BaseCommand):
    help = (
        "Make realistic synthetic teams, workers, agencies and families (deterministic for a seed, with "
        "history), then let every app in core.demo.DEMO_APPS add its own demo data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--families", type=int, default=60, help="how many families (default 60)")
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed: the same seed gives the same data"
        )
        parser.add_argument(
            "--detailed",
            type=int,
            default=None,
            help="how many families get full detail through the services (default: min(families, 200))",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if there are families already (for `make demo`)",
        )
        parser.add_argument(
            "--apps",
            default="",
            help="comma-separated subset of core.demo.DEMO_APPS to seed (default: all; families always runs)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_allowed():
            raise CommandError(
                "seed_demo makes accounts with a published password; it does not run with DJANGO_ENV=production."
            )
        scale = options["families"]
        if scale < 1:
            raise CommandError("--families must be at least 1.")
        existing = Family.objects.count()
        if existing:
            if options["if_empty"]:
                self.stdout.write(f"The database already has {existing} families: no demo data added.")
                return
            raise CommandError(
                f"The database already has {existing} families. Seed an empty database, or pass --if-empty."
            )
        detailed = options["detailed"] if options["detailed"] is not None else min(scale, 200)
        ctx = core_demo.DemoContext(
            rng=random.Random(options["seed"]),
            today=today(),
            scale=scale,
            detailed=max(0, min(detailed, scale)),
        )
        apps = list(core_demo.DEMO_APPS)
        if options["apps"]:
            wanted = {a.strip() for a in options["apps"].split(",") if a.strip()} | {"families"}
            unknown = wanted - set(apps)
            if unknown:
                raise CommandError(f"Not in core.demo.DEMO_APPS: {', '.join(sorted(unknown))}")
            apps = [a for a in apps if a in wanted]

        started = time.monotonic()
        timings: list[tuple[str, float]] = []
        # Demo data is not news to the demo family: nobody is notified of what seeding writes.
        with transaction.atomic(), signals.news_paused():
            for app in apps:
                module = self._demo_module(app)
                if module is None:
                    self.stdout.write(f"{app}: no demo module, skipped")
                    continue
                self.stdout.write(f"{app}: seeding ...")
                self.stdout.flush()
                app_started = time.monotonic()
                kwargs: dict[str, Any] = {}
                if "progress" in inspect.signature(module.seed).parameters:
                    kwargs["progress"] = lambda message, app=app: self._progress(app, message)
                try:
                    module.seed(ctx, **kwargs)
                except Exception as exc:
                    # Loud, with the app's name, and nothing half-written (the transaction rolls back).
                    exc.add_note(f"while seeding demo data for the {app!r} app ({app}/demo.py)")
                    self.stderr.write(self.style.ERROR(f"{app}: demo seeding failed: {exc!r}"))
                    raise
                timings.append((app, time.monotonic() - app_started))
                self.stdout.write(f"{app}: done in {timings[-1][1]:.1f}s")
        total = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(ctx.family_ids)} families ({ctx.detailed} in full detail) in {total:.1f}s "
                f"(seed {options['seed']})."
            )
        )
        self.stdout.write("Per app: " + ", ".join(f"{app} {seconds:.1f}s" for app, seconds in timings))
        if ctx.logins:
            self.stdout.write("Run `python manage.py demo_logins` for the sign-in details.")

    def _demo_module(self, app: str) -> Any:
        name = f"{app}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Only a missing <app>.demo is fine; a broken import inside it is an error.
            if exc.name in (name, app):
                return None
            raise
        if not hasattr(module, "seed"):
            raise CommandError(f"{name} has no seed(ctx) function.")
        return module

    def _progress(self, app: str, message: str) -> None:
        self.stdout.write(f"  {app}: {message}")
        self.stdout.flush()
