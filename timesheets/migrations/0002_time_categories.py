"""The default time categories (issue 6). Names stay editable in the admin; `kind` drives the dashboard."""

from django.db import migrations

CATEGORIES = [
    ("Face to face with the family", "direct", 10),
    ("Phone or video call with the family", "direct", 20),
    ("Travel", "travel", 30),
    ("Recording and admin", "recording", 40),
    ("Multi-agency meetings", "meetings", 50),
    ("Supervision and training", "supervision", 60),
]


def seed(apps, schema_editor):
    TimeCategory = apps.get_model("timesheets", "TimeCategory")
    HistoricalTimeCategory = apps.get_model("timesheets", "HistoricalTimeCategory")
    from django.utils import timezone

    for name, kind, order in CATEGORIES:
        category, created = TimeCategory.objects.get_or_create(
            name=name, defaults={"kind": kind, "order": order}
        )
        if created:
            HistoricalTimeCategory.objects.create(
                id=category.pk,
                name=name,
                kind=kind,
                order=order,
                is_active=True,
                history_date=timezone.now(),
                history_type="+",
                history_change_reason="Default category",
            )


def unseed(apps, schema_editor):
    apps.get_model("timesheets", "TimeCategory").objects.filter(
        name__in=[c[0] for c in CATEGORIES], records__isnull=True
    ).delete()


class Migration(migrations.Migration):
    # The default categories the staff app seeded when time records lived there (ADR 004).
    replaces = [("staff", "0003_time_categories")]
    dependencies = [("timesheets", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
