"""The standard vocabularies Open Referral UK uses (the LGA's esd lists) and our needs' mapping to them.

The rows live in directory/taxonomies/ (its README says where each comes from); this module reads them.
Every id is a uuid5 of the list and the term's identifier, so loading twice, or on another deployment,
gives the same rows and API consumers can rely on them. directory.services.standard_taxonomies_load writes.
"""

import csv
import uuid
from dataclasses import dataclass
from pathlib import Path

from directory.models import DIRECTORY_NAMESPACE

DATA_DIR = Path(__file__).resolve().parent / "taxonomies"


@dataclass(frozen=True)
class Vocabulary:
    name: str  # the ORUK CURIE (UseOfTaxonomies.md), also the API's taxonomy name
    description: str
    uri: str
    version: str
    filename: str

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(DIRECTORY_NAMESPACE, f"taxonomy:{self.name}")

    def term_id(self, code: str) -> uuid.UUID:
        return uuid.uuid5(DIRECTORY_NAMESPACE, f"{self.name}:{code}")


ESD_SERVICE_TYPES = Vocabulary(
    name="esdServiceType",
    description="The Local Government Association's Services List: types of service (esd standards).",
    uri="http://id.esd.org.uk/list/services",
    version="4.0.1",
    filename="esd_service_types.csv",
)
ESD_NEEDS = Vocabulary(
    name="esdNeed",
    description="The Local Government Association's Needs List (esd standards); a part of it.",
    uri="http://id.esd.org.uk/list/needs",
    version="",
    filename="esd_needs.csv",
)
VOCABULARIES = (ESD_SERVICE_TYPES, ESD_NEEDS)
MAPPING_FILE = "outcome_area_mapping.csv"


@dataclass(frozen=True)
class TermRow:
    code: str
    name: str
    parent_code: str
    term_uri: str
    description: str


@dataclass(frozen=True)
class MappingRow:
    need_code: str
    vocabulary: Vocabulary
    code: str
    label: str


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_terms(vocabulary: Vocabulary) -> list[TermRow]:
    return [
        TermRow(
            code=row["id"].strip(),
            name=row["label"].strip(),
            parent_code=row["parent_id"].strip(),
            term_uri=row["uri"].strip(),
            description=row["description"].strip(),
        )
        for row in _rows(vocabulary.filename)
    ]


def read_mapping() -> list[MappingRow]:
    by_name = {vocabulary.name: vocabulary for vocabulary in VOCABULARIES}
    return [
        MappingRow(
            need_code=row["need_code"].strip(),
            vocabulary=by_name[row["taxonomy"].strip()],
            code=row["code"].strip(),
            label=row["label"].strip(),
        )
        for row in _rows(MAPPING_FILE)
    ]


def mapping_id(from_id: uuid.UUID, to_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(DIRECTORY_NAMESPACE, f"mapping:{from_id}:{to_id}")
