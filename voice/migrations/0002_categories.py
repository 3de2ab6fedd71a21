"""The categories a complaint may be about: seed 004's list, in English and Welsh. A council adds its own
in the admin (configuration, ADR 001)."""

from django.db import migrations

CATEGORIES = [
    ("Poor service", "Gwasanaeth gwael"),
    ("Discrimination", "Gwahaniaethu"),
    ("Inaccurate or missing information", "Gwybodaeth anghywir neu ar goll"),
    ("Unreasonable delay", "Oedi afresymol"),
    ("A worker's conduct", "Ymddygiad gweithiwr"),
    ("A decision we made", "Penderfyniad a wnaethom"),
    ("Something else", "Rhywbeth arall"),
]


def seed(apps, schema_editor):
    ComplaintCategory = apps.get_model("voice", "ComplaintCategory")
    for order, (name, name_cy) in enumerate(CATEGORIES, start=1):
        ComplaintCategory.objects.get_or_create(name=name, defaults={"name_cy": name_cy, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
