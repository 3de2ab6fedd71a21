"""The "needs" vocabulary: the ten Supporting Families outcome areas (DOMAIN.md), used to search the directory.

The assessment's outcome domains are the same areas; each term's id is derived from its code, so it is
the same on every deployment and the data migration, the demo and the API agree on it.
"""

import uuid

from django.utils.translation import gettext_lazy as _

NEEDS_TAXONOMY_ID = uuid.UUID("0e7c9a3c-4a43-5b6e-9a1f-2d3b1c8e5f00")
NEEDS_TAXONOMY_NAME = "needs"
_TERM_NAMESPACE = uuid.UUID("6a1f8b9e-1d0c-4f7e-8c53-3f0b2e6d9a41")

# (code, name, description): the outcome areas, in the programme's order.
NEEDS = [
    (
        "education",
        _("Getting a good education"),
        _("School attendance, learning and special educational needs."),
    ),
    (
        "early-years",
        _("Good early years development"),
        _("Babies and young children: health visiting, play, speech."),
    ),
    (
        "health",
        _("Improved mental and physical health"),
        _("Mental and physical health for children and adults."),
    ),
    ("substance-use", _("Better managed substance use"), _("Support with alcohol and drugs.")),
    (
        "family-relationships",
        _("Improved family relationships"),
        _("Parenting, relationships and family time."),
    ),
    (
        "safe-from-abuse",
        _("Children safe from abuse and exploitation"),
        _("Keeping children safe, including online and from exploitation."),
    ),
    ("crime", _("Families diverted from crime"), _("Youth work, diversion and staying away from crime.")),
    (
        "domestic-abuse",
        _("Safe from domestic abuse"),
        _("Help and safety for anyone affected by domestic abuse."),
    ),
    ("housing", _("Secure housing"), _("Finding, keeping and affording a home.")),
    ("money", _("Financial stability"), _("Debt, benefits, food and work.")),
]


def need_term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(_TERM_NAMESPACE, code)
