"""Builds the full-text vectors of the services that existed before 0004 added the column (PostgreSQL).

Services written since are kept up to date by directory/services.py; this fills the rest once, so an
upgraded directory ranks its old entries like its new ones instead of matching them word by word.
"""

from typing import Any

from django.db import migrations


def backfill(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from directory.search import SEARCH_CONFIGS, vector_expression

    service = apps.get_model("directory", "Service")
    organization = apps.get_model("directory", "Organization")
    english, simple = (vector_expression(config, service, organization) for config in SEARCH_CONFIGS)
    service.objects.filter(search_vector__isnull=True).update(search_vector=english + simple)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_search_and_areas")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
