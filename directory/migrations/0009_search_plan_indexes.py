"""Indexes that keep the directory's searches reading what they find, not the whole directory.

- `upper(postcode)` on locations (PostgreSQL only, with the pattern operator class): a postcode-district
  filter (`istartswith`, `iexact`) is on this expression, and with an index PostgreSQL keeps statistics
  of it; without them it guessed one place per district, and searched every service there before the
  full-text index.
- (name, id) on services: the API's and the public list's order, so a page is read from the index.
"""

from django.db import migrations, models

POSTCODE_INDEX = "directory_location_postcode_upper"


def _postcode_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {POSTCODE_INDEX} "
            "ON directory_location (upper(postcode::text) varchar_pattern_ops)"
        )
        schema_editor.execute("ANALYZE directory_location")


def _drop_postcode_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {POSTCODE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_feed_import_provenance"),
    ]

    operations = [
        migrations.RunPython(_postcode_index, _drop_postcode_index),
        migrations.AddIndex(
            model_name="service",
            index=models.Index(fields=["name", "id"], name="directory_service_name_id"),
        ),
    ]
