"""The Welsh catalogue of the family's pages: compile it, or list what still needs a translator.

manage.py family_messages --compile   # writes locale/cy/LC_MESSAGES/django.mo (no gettext tools)
manage.py family_messages --check     # lists untranslated or fuzzy family-facing strings; exit 1 if any
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from family_portal import catalogue


class Command(BaseCommand):
    help = "Compile the Welsh catalogue, or list the family-facing strings it does not translate yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--compile", action="store_true", help="write the .mo next to the .po")
        parser.add_argument("--check", action="store_true", help="fail if a family-facing string is missing")
        parser.add_argument("--language", default="cy")

    def handle(self, *args: Any, **options: Any) -> None:
        po = catalogue.catalogue_path(options["language"])
        if options["compile"]:
            catalogue.compile_catalogue(po, po.with_suffix(".mo"))
            self.stdout.write(f"Compiled {po.with_suffix('.mo')}")
        if options["check"] or not options["compile"]:
            missing = catalogue.untranslated(catalogue.load(options["language"]))
            for entry in missing:
                self.stdout.write(catalogue.describe(entry))
            if missing and options["check"]:
                raise CommandError(f"{len(missing)} family-facing strings need a Welsh translation")
            self.stdout.write(f"{len(missing)} family-facing strings left to translate")
