"""Content types, permissions and admin log entries of the moved models follow them from `agencies` (ADR 004).

On a new database there is nothing to move: the content types are made after `migrate`.
"""

from django.db import migrations

from core.migration_operations import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0002_history_users"),
    ]

    operations = [move_content_types(old_app="agencies", new_app="partners", models=['agency', 'agencyinbox', 'historicalagency', 'historicalagencyinbox'])]
