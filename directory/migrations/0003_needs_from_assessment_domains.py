"""Every outcome area of the assessment frameworks becomes a need people can search the directory by.

The default framework's ten areas already are (0002, matched by name); this adds any other area in use.
Later areas are added by directory.services.need_terms_sync (run by the demo and from the admin).
"""

import uuid

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

TAXONOMY_ID = uuid.UUID("0e7c9a3c-4a43-5b6e-9a1f-2d3b1c8e5f00")
TERM_NAMESPACE = uuid.UUID("6a1f8b9e-1d0c-4f7e-8c53-3f0b2e6d9a41")


def sync(apps, schema_editor):
    Domain = apps.get_model("assessments", "Domain")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    HistoricalTaxonomyTerm = apps.get_model("directory", "HistoricalTaxonomyTerm")
    existing = {name.lower() for name in TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID).values_list("name", flat=True)}
    codes = set(TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID).values_list("code", flat=True))
    for domain in Domain.objects.filter(active=True).order_by("framework_id", "order", "name"):
        if domain.name.lower() in existing:
            continue
        code = slugify(domain.name)[:80] or f"need-{domain.pk}"
        if code in codes:
            code = f"{code[:70]}-{domain.pk}"
        term = TaxonomyTerm.objects.create(
            id=uuid.uuid5(TERM_NAMESPACE, code), taxonomy_id=TAXONOMY_ID, code=code, name=domain.name,
            description=domain.description,
        )
        HistoricalTaxonomyTerm.objects.create(
            id=term.id, taxonomy_id=TAXONOMY_ID, code=code, name=term.name, description=term.description,
            parent_id=None, term_uri="", history_date=timezone.now(), history_type="+",
            history_change_reason="Outcome area of an assessment framework",
        )
        existing.add(domain.name.lower())
        codes.add(code)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_needs_taxonomy"),
        ("assessments", "0002_default_framework"),
    ]

    operations = [
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
