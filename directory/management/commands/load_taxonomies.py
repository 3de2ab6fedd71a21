"""manage.py load_taxonomies: load the LGA's esd service types and needs, and our needs' mapping to them.

Safe to run again (after a data update too): missing terms are added, changed ones updated, none deleted.
The rows and their sources are in directory/taxonomies/ (see its README).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from directory import services


class Command(BaseCommand):
    help = "Load the standard taxonomies Open Referral UK uses (esd service types and needs) and the mapping."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = services.standard_taxonomies_load(actor=None)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Terms added: {counts['added']}, changed: {counts['changed']}; mappings added: {counts['mappings']}"
        )
