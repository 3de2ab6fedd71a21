"""manage.py import_postcodes FILE: fill the postcode look-up from ONSPD or Code-Point Open (CSV).

Safe to run again with a newer release: existing postcodes are updated, new ones added.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory.postcode_import import FORMATS, ImportFormatError, import_postcodes, read_area_names


class Command(BaseCommand):
    help = "Import postcode centres from the ONS Postcode Directory or OS Code-Point Open (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="+", help="CSV file(s): ONSPD, or Code-Point Open's per-area files")
        parser.add_argument("--format", choices=FORMATS, help="Default: worked out from the first row")
        parser.add_argument(
            "--area-names", help="ONS local authority names and codes (CSV: code, name) for council areas"
        )
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        names = None
        if options["area_names"]:
            with Path(options["area_names"]).open(encoding="utf-8-sig", newline="") as stream:
                names = read_area_names(stream)
        total = 0
        for file in options["file"]:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"No file at {path}")

            def progress(count: int, path: Path = path) -> None:
                self.stdout.write(f"\r{path.name}: {count:,} postcodes", ending="")
                self.stdout.flush()

            try:
                with path.open(encoding="utf-8-sig", newline="") as stream:
                    total += import_postcodes(
                        stream,
                        file_format=options["format"],
                        area_names=names,
                        batch_size=options["batch_size"],
                        progress=progress,
                    )
            except ImportFormatError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"{total:,} postcodes imported or updated."))
