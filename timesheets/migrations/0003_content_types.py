"""Content types, permissions and admin log entries of the moved models follow them from `staff` (ADR 004).

On a new database there is nothing to move: the content types are made after `migrate`.
"""

from django.db import migrations

from core.migration_operations import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("timesheets", "0002_time_categories"),
    ]

    operations = [move_content_types(old_app="staff", new_app="timesheets", models=['timecategory', 'timerecord', 'runningtimer', 'observedformtime', 'historicaltimecategory', 'historicaltimerecord'])]
