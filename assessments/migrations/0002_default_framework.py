"""The default framework: the ten headline outcomes of the Supporting Families programme (2022-25)."""

from django.db import migrations

NAME = "Supporting Families outcomes"
DOMAINS = [
    ("Getting a good education", "School attendance, learning and progress, special educational needs."),
    ("Good early years development", "Healthy development from birth to five, ready for school."),
    ("Improved mental and physical health", "The health of everyone in the family, and getting the right care."),
    ("Better managed substance use", "Drugs and alcohol, and their effect on the family."),
    ("Improved family relationships", "How the family gets on, parenting, and support around them."),
    ("Children safe from abuse and exploitation", "Keeping children safe inside and outside the home."),
    ("Families diverted from crime", "Offending and anti-social behaviour, and staying out of trouble."),
    ("Safe from domestic abuse", "Feeling and being safe at home."),
    ("Secure housing", "A safe, stable home that the family can afford."),
    ("Financial stability", "Income, work, benefits and managing debts."),
]


def create(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Domain = apps.get_model("assessments", "Domain")
    framework, _ = Framework.objects.get_or_create(
        name=NAME,
        defaults={
            "description": "The ten headline outcomes of the Supporting Families programme 2022-25.",
            "scale_min": 1,
            "scale_max": 10,
            "is_default": True,
        },
    )
    for order, (name, description) in enumerate(DOMAINS, start=1):
        Domain.objects.get_or_create(framework=framework, name=name, defaults={"order": order, "description": description})


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
