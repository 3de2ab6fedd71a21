"""Seed the "needs" vocabulary: the ten Supporting Families outcome areas, with stable ids.

The data is frozen here (not imported from directory.needs) so that this migration keeps meaning the
same thing whatever the code later says; the ids match directory.needs.need_term_id.
"""

import uuid

from django.db import migrations
from django.utils import timezone

TAXONOMY_ID = uuid.UUID("0e7c9a3c-4a43-5b6e-9a1f-2d3b1c8e5f00")
TERM_NAMESPACE = uuid.UUID("6a1f8b9e-1d0c-4f7e-8c53-3f0b2e6d9a41")
NEEDS = [
    ("education", "Getting a good education", "School attendance, learning and special educational needs."),
    ("early-years", "Good early years development", "Babies and young children: health visiting, play, speech."),
    ("health", "Improved mental and physical health", "Mental and physical health for children and adults."),
    ("substance-use", "Better managed substance use", "Support with alcohol and drugs."),
    ("family-relationships", "Improved family relationships", "Parenting, relationships and family time."),
    (
        "safe-from-abuse",
        "Children safe from abuse and exploitation",
        "Keeping children safe, including online and from exploitation.",
    ),
    ("crime", "Families diverted from crime", "Youth work, diversion and staying away from crime."),
    ("domestic-abuse", "Safe from domestic abuse", "Help and safety for anyone affected by domestic abuse."),
    ("housing", "Secure housing", "Finding, keeping and affording a home."),
    ("money", "Financial stability", "Debt, benefits, food and work."),
]


def seed_needs(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    HistoricalTaxonomy = apps.get_model("directory", "HistoricalTaxonomy")
    HistoricalTaxonomyTerm = apps.get_model("directory", "HistoricalTaxonomyTerm")
    now = timezone.now()
    reason = "Seeded: the Supporting Families outcome areas"
    taxonomy, created = Taxonomy.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": "needs",
            "description": "Family needs: the Supporting Families programme's ten outcome areas.",
        },
    )
    if created:
        HistoricalTaxonomy.objects.create(
            id=taxonomy.id, name=taxonomy.name, description=taxonomy.description, uri="", version="",
            history_date=now, history_type="+", history_change_reason=reason,
        )
    for code, name, description in NEEDS:
        term, created = TaxonomyTerm.objects.get_or_create(
            id=uuid.uuid5(TERM_NAMESPACE, code),
            defaults={"taxonomy": taxonomy, "code": code, "name": name, "description": description},
        )
        if created:
            HistoricalTaxonomyTerm.objects.create(
                id=term.id, taxonomy_id=taxonomy.id, code=code, name=name, description=description,
                parent_id=None, term_uri="", history_date=now, history_type="+", history_change_reason=reason,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_floors"),
    ]

    operations = [
        migrations.RunPython(seed_needs, migrations.RunPython.noop),
    ]
